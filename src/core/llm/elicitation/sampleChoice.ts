import type { LlmRequest } from '../llmRequest';
import type { LlmResponse } from '../llmResponse';
import type { PlannedRequest } from '../plannedRequest';
import { planSamples } from './planSamples';
import { emptyTally, tallyChoices, type ChoiceTally } from './tallyChoices';

export interface SampleChoiceOptions {
  readonly baseId: string;
  readonly request: LlmRequest;
  readonly options: readonly string[];
  readonly labels: readonly string[];
  /** Parsed answers wanted. */
  readonly samples: number;
  readonly supportsN: boolean;
  /** Extra rounds that re-ask only for the answers that did not parse (refusals are kept, not re-asked). @default 3 */
  readonly maxReasks?: number;
  /** Sends a batch of planned requests and resolves to their responses (e.g. through `runRequests`). */
  readonly send: (plan: readonly PlannedRequest[]) => Promise<ReadonlyArray<LlmResponse | undefined>>;
}

/**
 * Samples a multiple-choice answer `samples` times, parses every answer with the Anthology ladder, and
 * re-asks (new sample indices, bounded by `maxReasks` rounds) for as many as were non-compliant.
 */
export async function sampleChoice(o: SampleChoiceOptions): Promise<ChoiceTally & { rounds: number; calls: number }> {
  const tally = emptyTally(o.options.length);
  let want = o.samples;
  let next = 0;
  let rounds = 0;
  let calls = 0;
  const maxReasks = o.maxReasks ?? 3;
  let supportsN = o.supportsN;
  while (want > 0 && rounds <= maxReasks) {
    const plan = planSamples(o.baseId, o.request, want, { supportsN, firstSampleIndex: next });
    next += want;
    calls += plan.length;
    const before = tally.counts.reduce((a, b) => a + b, 0) + tally.refusals;
    const responses = await o.send(plan);
    let missing = 0;
    responses.forEach((response, i) => {
      const asked = plan[i]?.request.params.n ?? 1;
      if (response) tallyChoices(tally, response, o.options, o.labels);
      missing += Math.max(0, asked - (response?.choices.length ?? asked));
    });
    const got = tally.counts.reduce((a, b) => a + b, 0) + tally.refusals - before;
    want -= got;
    // a server that silently ignores n returns fewer choices: ask again with one call per sample,
    // without spending a re-ask round on it
    if (missing > 0 && supportsN) supportsN = false;
    else rounds++;
  }
  return { ...tally, rounds, calls };
}
