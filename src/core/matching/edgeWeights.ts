import { StatsError } from '../stats/StatsError';
import type { HumanCategories, PersonaVariable } from './matchingTypes';

/**
 * The matching graph's edge weights (seeds-methods §1.5, Anthology `edge_weight_calculation`):
 * `w(h, v) = Π_l P_vl(t_hl)`, the product over variables of persona v's probability of human h's category; a missing
 * or refused human answer (−1) contributes the constant 1/n_categories (a uniform human vector).
 * Humans with the same category tuple share one computed row.
 * @returns row-major `nHumans × nPersonas` weights
 * @throws StatsError `shapeMismatch` / `invalidValue`
 */
export function edgeWeights(humans: HumanCategories, personas: readonly PersonaVariable[]): Float64Array {
  if (humans.length !== personas.length) throw new StatsError('shapeMismatch', `${humans.length} human variables, ${personas.length} persona variables`);
  if (humans.length === 0) throw new StatsError('invalidOption', 'no matching variables');
  const nH = humans[0]!.length;
  const first = personas[0]!;
  const nP = first.probabilities.length / first.nCategories;
  const columns: Float64Array[][] = personas.map((p, l) => {
    if (!Number.isInteger(p.nCategories) || p.nCategories < 1 || p.probabilities.length !== nP * p.nCategories) {
      throw new StatsError('shapeMismatch', `variable ${l}: ${p.probabilities.length} probabilities for ${nP} personas × ${p.nCategories} categories`);
    }
    if (humans[l]!.length !== nH) throw new StatsError('shapeMismatch', `variable ${l}: ${humans[l]!.length} humans, expected ${nH}`);
    // transpose to one persona-indexed column per category, so each output row is a product of whole columns
    return Array.from({ length: p.nCategories }, (_, c) => {
      const col = new Float64Array(nP);
      for (let v = 0; v < nP; v++) col[v] = p.probabilities[v * p.nCategories + c]!;
      return col;
    });
  });
  const ones = new Float64Array(nP).fill(1);
  const out = new Float64Array(nH * nP);
  const done = new Map<string, number>();
  const tuple = new Int32Array(humans.length);
  for (let h = 0; h < nH; h++) {
    let constant = 1;
    for (let l = 0; l < humans.length; l++) {
      const t = humans[l]![h]!;
      if (t >= personas[l]!.nCategories || t < -1) throw new StatsError('invalidValue', `human ${h}, variable ${l}: category ${t} is outside -1..${personas[l]!.nCategories - 1}`);
      tuple[l] = t;
      if (t === -1) constant /= personas[l]!.nCategories;
    }
    const key = tuple.join(',');
    const seen = done.get(key);
    const row = out.subarray(h * nP, (h + 1) * nP);
    if (seen !== undefined) {
      row.set(out.subarray(seen * nP, (seen + 1) * nP));
      continue;
    }
    done.set(key, h);
    // multiply whole persona columns into the row, three variables per pass over it
    const active: Float64Array[] = [];
    for (let l = 0; l < humans.length; l++) if (tuple[l]! >= 0) active.push(columns[l]![tuple[l]!]!);
    if (active.length === 0) row.fill(constant);
    for (let a = 0; a < active.length; a += 3) {
      const c0 = active[a]!;
      const c1 = active[a + 1] ?? ones;
      const c2 = active[a + 2] ?? ones;
      if (a === 0) for (let v = 0; v < nP; v++) row[v] = constant * c0[v]! * c1[v]! * c2[v]!;
      else for (let v = 0; v < nP; v++) row[v] = row[v]! * c0[v]! * c1[v]! * c2[v]!;
    }
  }
  return out;
}
