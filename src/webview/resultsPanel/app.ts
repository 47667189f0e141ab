import type { ResultsInit, ResultsNotifications, ResultsRequests, ResultsUiState } from '../../protocol/resultsPanel';
import { RpcClient } from '../shared/rpcClient';
import { vscodeApi } from '../shared/vscodeApi';

/** A change to the UI state; `undefined` clears an optional field. */
export type UiPatch = { [K in keyof ResultsUiState]?: ResultsUiState[K] | undefined };

export type Rpc = RpcClient<ResultsRequests, ResultsNotifications>;

/** What every view of the panel shares: the protocol client, the report's summary and the UI state. */
export interface App {
  readonly rpc: Rpc;
  init: ResultsInit;
  ui: ResultsUiState;
  /** Updates the UI state, saves it (setState: ids and choices only) and tells the host. */
  update(patch: UiPatch): void;
  /** Shows a problem in the panel's status line (text only). */
  status(message: string, kind?: 'info' | 'error'): void;
  /** Exports through the host's save dialog. */
  save(format: 'png' | 'svg' | 'csv' | 'json', name: string, data: string): Promise<void>;
}

/** Saves what the serializer restores after a reload: the report shown, the UI state and the compared run folders. */
export function saveUiState(init: ResultsInit, ui: ResultsUiState): void {
  vscodeApi().setState({ v: 1, spec: init.spec, runId: init.runId, ui, compared: init.comparedFolders });
}
