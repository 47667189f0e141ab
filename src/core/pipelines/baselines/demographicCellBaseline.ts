import { createRandom } from '../../stats/createRandom';
import type { HumanSample } from '../analysis/humanSample';
import type { RowsSample } from '../analysis/methodSample';

/** How the demographic-cell baseline was drawn, for the methods report. */
export interface DemographicCellStats {
  readonly variables: readonly string[];
  readonly seed: number;
  /** Distinct cells over all variables (a missing category is a category of its own). */
  readonly cells: number;
  /**
   * Respondents alone in their cell, by how many variables their donor cell used: `fallbacks[v]` = respondents
   * whose donor came from the cell of the first `v` variables (0 = the whole sample).
   */
  readonly fallbacks: readonly number[];
}

export interface DemographicCellResult {
  readonly sample: RowsSample;
  readonly stats: DemographicCellStats;
}

const MISSING = '\u0000missing';

/**
 * The demographic-cell baseline: what demographics alone predict. For each human respondent i (in file order),
 * draw uniformly, with a seeded generator, another respondent j ≠ i of the same cell — the same category on every
 * variable in `variables` (the survey's `human.demographics`; a missing category is a category of its own) — and
 * give persona i all of j's answers (leave-one-out; a whole row, so answers stay jointly consistent). When i is
 * alone in its cell, the last variable is dropped and the coarser cell is used, repeatedly, down to the whole
 * sample; `stats.fallbacks` counts how often. Same seed → same answers. With fewer than 2 respondents there is no
 * donor and the sample is returned empty of answers (NaN).
 */
export function demographicCellBaseline(human: HumanSample, variables: readonly string[], seed: number): DemographicCellResult {
  const { matrix } = human;
  const n = matrix.nRows;
  const k = matrix.nCols;
  const labels = variables.map((v) => {
    const cats = human.demographics.get(v);
    if (!cats) throw new RangeError(`demographic variable "${v}" was not read from the human data`);
    return cats;
  });
  // cell membership at every level of coarseness: level v uses the first v variables
  const levels: Map<string, number[]>[] = [];
  const keys: string[][] = [];
  for (let v = 0; v <= variables.length; v++) {
    const byKey = new Map<string, number[]>();
    const rowKeys: string[] = new Array<string>(n);
    for (let r = 0; r < n; r++) {
      let key = '';
      for (let l = 0; l < v; l++) key += `${labels[l]![r] ?? MISSING}\u0001`;
      rowKeys[r] = key;
      const members = byKey.get(key);
      if (members) members.push(r);
      else byKey.set(key, [r]);
    }
    levels.push(byKey);
    keys.push(rowKeys);
  }
  const random = createRandom(seed);
  const fallbacks = new Array<number>(variables.length + 1).fill(0);
  const data = new Float64Array(n * k).fill(NaN);
  const respondentRows = Int32Array.from({ length: n }, (_, r) => r);
  for (let r = 0; r < n; r++) {
    let donor = -1;
    for (let v = variables.length; v >= 0; v--) {
      const members = levels[v]!.get(keys[v]![r]!)!;
      if (members.length < 2) continue;
      // members are ascending row numbers: find r's position, then draw among the others
      let lo = 0;
      let hi = members.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (members[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      const pick = Math.floor(random() * (members.length - 1));
      donor = members[pick < lo ? pick : pick + 1]!;
      if (v < variables.length) fallbacks[v]!++;
      break;
    }
    if (donor < 0) continue;
    for (let c = 0; c < k; c++) data[c * n + r] = matrix.data[c * n + donor]!;
  }
  return {
    sample: { kind: 'rows', matrix: { nRows: n, nCols: k, data }, respondentRows, ...(n < 2 ? { noAnswersReason: `${n} human respondent(s): leave-one-out resampling needs at least 2, so no answer was drawn` } : {}) },
    stats: { variables, seed, cells: levels[variables.length]!.size, fallbacks },
  };
}
