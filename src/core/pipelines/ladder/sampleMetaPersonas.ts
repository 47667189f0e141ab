import { createRandom } from '../../stats/createRandom';
import type { JointTable } from './censusTables';

/** Options of {@link sampleMetaPersonas}. */
export interface SampleMetaPersonasOptions {
  /** Tables in drawing order: joint tables first (e.g. age × sex × race), then conditionals and marginals. */
  readonly tables: readonly JointTable[];
  /** Personas per region (or in all when the tables have no region). */
  readonly count: number;
  readonly seed: number;
  /** Regions to sample; default: every region of the first table (or the national table `''`). */
  readonly regions?: readonly string[];
  /** Value for a variable no row of its table allows given what was drawn before. @default 'Not Applicable' */
  readonly notApplicable?: string;
}

/** A census-sampled persona with no LLM content (Li et al. 2025's "meta persona"). */
export interface MetaPersona {
  /** 0-based index over all personas drawn; also the per-persona generation seed offset. */
  readonly index: number;
  readonly region: string;
  /** The seed this persona's draws came from (`seed` of the options + index), recorded for reproduction. */
  readonly seed: number;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Draws meta personas from census tables the way Li et al. (2025) build theirs (seeds-methods.md §2.2):
 * variables of a joint table are drawn together from its rows (weights = counts or shares); a table one of
 * whose variables was already drawn is used as a conditional (only rows agreeing with the values drawn so far
 * count, renormalised; e.g. occupation by sex); every other variable is drawn independently from its
 * marginal. A variable whose conditional rows all have zero weight gets `notApplicable`.
 *
 * Each persona gets its own generator seeded with `seed + index` (sfc32, `createRandom`), so persona i is the
 * same whatever `count` is and whichever personas were drawn before.
 */
export function sampleMetaPersonas(options: SampleMetaPersonasOptions): MetaPersona[] {
  const na = options.notApplicable ?? 'Not Applicable';
  const first = options.tables[0];
  const regions = options.regions ?? (first ? [...first.byRegion.keys()] : []);
  const out: MetaPersona[] = [];
  let index = 0;
  for (const region of regions) {
    for (let k = 0; k < options.count; k++, index++) {
      const seed = (options.seed + index) >>> 0;
      const random = createRandom(seed);
      const fields: Record<string, string> = {};
      for (const table of options.tables) drawFromTable(table, region, fields, random, na);
      out.push({ index, region, seed, fields });
    }
  }
  return out;
}

function drawFromTable(table: JointTable, region: string, fields: Record<string, string>, random: () => number, na: string): void {
  const part = table.byRegion.get(region) ?? table.byRegion.get('');
  const open = table.variables.filter((v) => fields[v] === undefined);
  if (open.length === 0) return;
  if (!part) {
    for (const v of open) fields[v] = na;
    return;
  }
  const fixed = table.variables.map((v) => fields[v]);
  let total = 0;
  const { rows, weights } = part;
  const eligible = (r: number): boolean => fixed.every((f, i) => f === undefined || rows[r]![i] === f);
  for (let r = 0; r < rows.length; r++) if (eligible(r)) total += weights[r]!;
  if (!(total > 0)) {
    for (const v of open) fields[v] = na;
    return;
  }
  let u = random() * total;
  let chosen = -1;
  for (let r = 0; r < rows.length; r++) {
    if (!eligible(r) || weights[r]! <= 0) continue;
    chosen = r;
    u -= weights[r]!;
    if (u < 0) break;
  }
  table.variables.forEach((v, i) => {
    if (fields[v] === undefined) fields[v] = rows[chosen]![i]!;
  });
}
