import { createRandom } from '../../stats/createRandom';
import type { RandomSource } from '../../stats/types';
import { seedOf } from '../shared/seedOf';
import type { SimulationStageConfig } from './simulationConfig';

/**
 * How one persona sees the survey: the question order and, per question, the canonical option index shown at
 * each position (`shown[k]` = canonical index of the k-th option shown). Answers map back through it.
 */
export interface Presentation {
  /** Question indices in the order asked. */
  readonly order: readonly number[];
  /** Per question index: canonical option index at each shown position. */
  readonly shown: readonly (readonly number[])[];
  /** Per question index: true when an ordinal question's options are shown reversed. */
  readonly reversed: readonly boolean[];
}

function shuffle<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * The seeded presentation of persona `personaKey` (Anthology §1.7): question order shuffled per persona; each
 * ordinal question's options shown forward or fully reversed, 50/50 per persona and question; nominal options
 * shuffled. The stream is seeded from the run seed and the persona key alone, so it never depends on run order.
 */
export function presentationFor(config: SimulationStageConfig, personaKey: string): Presentation {
  const random = createRandom(seedOf(config.seed, 'presentation', personaKey));
  const indices = config.questions.map((_, i) => i);
  const order = config.order.questions === 'shuffle' ? shuffle(indices, random) : indices;
  const reversed: boolean[] = [];
  const shown = config.questions.map((q) => {
    const canonical = q.options.map((_, i) => i);
    if (q.type === 'ordinal') {
      const flip = config.order.likert === 'reverse-half' && random() < 0.5;
      reversed.push(flip);
      return flip ? canonical.reverse() : canonical;
    }
    reversed.push(false);
    return config.order.nominal === 'shuffle' ? shuffle(canonical, random) : canonical;
  });
  return { order, shown, reversed };
}
