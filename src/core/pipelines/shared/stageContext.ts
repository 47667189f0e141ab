import type { RequestSender, SenderCounts } from './requestSender';
import type { PipelineFiles } from './pipelineFiles';

/** Where a stage is, for progress bars and lines: units are backstories, personas, … as the stage says. */
export interface StageProgressEvent {
  readonly stage: string;
  /** What `done` and `total` count (`backstories`, `personas`, …). */
  readonly unit: string;
  readonly done: number;
  readonly total: number;
  /** Request totals of the run folder so far. */
  readonly requests: Readonly<SenderCounts>;
}

/**
 * What every stage gets: plain data and callbacks, nothing of the editor or the terminal. The CLI and the editor
 * build one of these (src/core/pipelines/runStudy.ts does it for both) and call the stage.
 */
export interface StageContext {
  /** Aborting stops at the next request boundary; everything answered so far is in the journal. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: StageProgressEvent) => void;
  /** The model, through the run folder's journal (absent for stages that need none). */
  readonly llm: RequestSender;
  /** The locator's endpoint when the persona spec sends the locator elsewhere (`demographics.locator.endpoint`); default `llm`. */
  readonly locatorLlm?: RequestSender;
  readonly files: PipelineFiles;
  /** The run folder (journal, cache, run.json). */
  readonly runDir: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
}
