import type { DriftLean } from './resultsViewTypes';

/** Options of {@link driftLean}. */
export interface DriftLeanOptions {
  /** |drift| in code units above which a question counts as drifting. @default 0.1 */
  readonly threshold?: number;
  /** Share of the questions that must drift the same way to call it a lean. @default 0.75 */
  readonly minShare?: number;
}

/**
 * Whether simulated answers drift one way across questions: the share of questions (with a defined drift) whose
 * drift exceeds `threshold` in the dominant direction; a lean is reported when that share reaches `minShare`.
 * Li, Chen, Namkoong & Peng (2025), "LLM Generated Persona is a Promise with a Catch" (arXiv 2503.16527), found
 * that LLM-written personas shift simulated opinions systematically in one direction (towards progressive
 * answers) as more of the persona is generated, across models — an error that averages of |WD| do not show.
 * @param drift signed drift per question (simulated − human mean, code units); null or NaN = undefined
 */
export function driftLean(drift: readonly (number | null)[], options: DriftLeanOptions = {}): DriftLean {
  const threshold = options.threshold ?? 0.1;
  const minShare = options.minShare ?? 0.75;
  let defined = 0;
  let above = 0;
  let below = 0;
  for (const d of drift) {
    if (d === null || Number.isNaN(d)) continue;
    defined++;
    if (d > threshold) above++;
    else if (d < -threshold) below++;
  }
  const dominant = Math.max(above, below);
  const share = defined > 0 ? dominant / defined : 0;
  const leans = defined >= 2 && dominant > 0 && share >= minShare ? (above >= below ? 'higher' : 'lower') : null;
  return { threshold, defined, above, below, share, leans, minShare };
}
