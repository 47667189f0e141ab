import type { ParsedSpec } from '../parseSpec';
import type { Range } from '../range';
import { specSymbols } from './specSymbols';

/** What the run lenses of a spec know besides its text: read from disk and from the runs going on. */
export interface RunLensState {
  /** Backstories already in the persona spec's backstories file (undefined: no file). */
  readonly backstories?: number;
  /** Backstories the review marks as excluded (from `<backstories file>.review.json`); matching skips them. */
  readonly excluded?: number;
  /** The newest unfinished simulation run of the survey spec, if any. */
  readonly unfinishedRunId?: string;
  /** The run going on for this spec now. */
  readonly live?: { readonly done: number; readonly total: number; readonly unit: string };
}

/** The actions of a run lens (the editor maps each to a command). */
export type RunLensAction = 'generate' | 'estimate' | 'review' | 'simulate' | 'baselines' | 'resume' | 'progress' | 'cancel';

/** A run CodeLens as data. `estimate` lenses carry no title yet: it is resolved lazily (calls, tokens, cost). */
export interface SpecRunLens {
  readonly range: Range;
  readonly action: RunLensAction;
  readonly title: string;
  readonly tooltip: string;
}

/**
 * The run lenses on the first line of a spec. Persona spec: `Generate backstories`, `Estimate`, and
 * `Review backstories (N)` once the file holds N. Survey spec: `Run simulation`, `Run baselines` (offline),
 * `Estimate`, `Resume` when an unfinished run exists; while a run goes, its live count and `Cancel` instead of the
 * run actions. Pure and cheap: one outline lookup (the first symbol).
 */
export function runLenses(spec: ParsedSpec, state: RunLensState): SpecRunLens[] {
  const first = specSymbols(spec)[0];
  if (!first) return [];
  const range = first.selectionRange;
  const at = (action: RunLensAction, title: string, tooltip: string): SpecRunLens => ({ range, action, title, tooltip });
  if (state.live) {
    const { done, total, unit } = state.live;
    return [
      // a stage that counts nothing (baselines, analysis) has no total: say it runs, not "0/0"
      at('progress', total > 0 ? `$(sync~spin) Running ${done}/${total} ${unit}…` : '$(sync~spin) Running…', 'A run of this spec is going on; the notification shows its rate and ETA'),
      at('cancel', 'Cancel', 'Stop the run at the next request boundary; everything answered stays in the journal and the run can be resumed'),
    ];
  }
  if (spec.kind === 'persona') {
    const method = spec.value && typeof spec.value === 'object' ? (spec.value as Record<string, unknown>)['method'] : undefined;
    // methods without backstories (meta, the ladder rungs, import, bio/qa/portray) write a personas file instead
    const backstoryMethod = method === undefined || method === 'anthology' || method === 'demographics-primed';
    const out = [
      backstoryMethod
        ? at('generate', 'Generate backstories', 'Generate the backstories (and their demographic survey) this spec describes; resumes where it stopped')
        : at('generate', 'Generate personas', 'Write the personas this spec describes to its personas file, to review before simulating; resumes where it stopped'),
      at('estimate', 'Estimate', 'Calls, tokens and cost of what generation would still send'),
    ];
    if (state.backstories !== undefined) {
      const excluded = state.excluded ? ` · ${state.excluded.toLocaleString('en-US')} excluded` : '';
      out.push(at('review', `Review backstories (${state.backstories.toLocaleString('en-US')}${excluded})`, excluded ? 'Open the backstories file; excluded backstories are never matched or simulated' : 'Open the backstories file'));
    }
    return out;
  }
  const out = [
    at('simulate', 'Run simulation', 'Generate what is missing, match personas to the human respondents and ask them the survey'),
    at('baselines', 'Run baselines', 'Measure the uniform and demographic-cell baselines against the human data (offline, no endpoint) and open the results'),
    at('estimate', 'Estimate', 'Calls, tokens and cost of a simulation of this spec'),
  ];
  if (state.unfinishedRunId !== undefined) out.push(at('resume', `Resume ${state.unfinishedRunId}`, 'Continue the unfinished run from its journal'));
  return out;
}
