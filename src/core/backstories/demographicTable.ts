import type { DemographicRecord } from '../pipelines/backstories/backstoryRecord';
import type { LineProblem } from './backstoryFile';
import { MAX_PROBLEMS } from './backstoryFile';
import { readJsonLines } from './readJsonLines';

/** Code of a persona whose answers were mostly non-compliant or tied: the last bucket, K. */
export const MISSING = -1;

/** One demographic variable over every backstory of a file. */
export interface DemographicColumn {
  readonly name: string;
  /** Number of options K (the counts have K+1 buckets, the last one non-compliant / ambiguous). */
  readonly options: number;
  /**
   * Inferred code per backstory (in the backstory file's order): the option with strictly the most answers,
   * 0…K-1; K when the non-compliant bucket has the most or the top options tie (the answer is ambiguous);
   * MISSING (-1) when the backstory has no estimate for this variable.
   */
  readonly inferred: Int16Array;
}

export interface DemographicTable {
  readonly path: string;
  readonly columns: readonly DemographicColumn[];
  readonly problems: readonly LineProblem[];
  readonly problemCount: number;
  /** Records whose id is not in the backstory file. */
  readonly unknownIds: number;
}

/**
 * The inferred value of one estimate: the index of the single largest count. Ties at the top and a largest
 * last bucket both give K (non-compliant / ambiguous, Anthology §1.4); all-zero counts give MISSING.
 */
export function inferredCode(counts: readonly number[]): number {
  let best = MISSING;
  let bestCount = 0;
  let tied = false;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > bestCount) {
      best = i;
      bestCount = c;
      tied = false;
    } else if (c === bestCount && c > 0) tied = true;
  }
  if (best === MISSING) return MISSING;
  return tied ? counts.length - 1 : best;
}

/**
 * Reads `<base>.demographics.jsonl` (one DemographicRecord per line) and aligns it with a backstory file's
 * records by id. Bad lines are skipped and reported with their line numbers.
 */
export async function readDemographicTable(
  filePath: string, byId: ReadonlyMap<string, number>, signal?: AbortSignal,
): Promise<DemographicTable> {
  const n = byId.size;
  const columns = new Map<string, { options: number; inferred: Int16Array }>();
  const problems: LineProblem[] = [];
  let problemCount = 0;
  let unknownIds = 0;
  const problem = (line: number, reason: string, text: string): void => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason, excerpt: text.length > 80 ? `${text.slice(0, 80)}…` : text });
  };
  await readJsonLines(filePath, (l) => {
    if (!l.ok) return problem(l.line, `not valid JSON: ${l.reason}`, l.text);
    const rec = l.value as Partial<DemographicRecord> | null;
    if (typeof rec !== 'object' || rec === null || typeof rec.id !== 'string' || typeof rec.variables !== 'object' || rec.variables === null) {
      return problem(l.line, 'not a demographic record (needs "id" and "variables")', l.text);
    }
    const index = byId.get(rec.id);
    if (index === undefined) {
      unknownIds++;
      return undefined;
    }
    for (const [name, est] of Object.entries(rec.variables)) {
      const counts = (est as { counts?: unknown } | null)?.counts;
      if (!Array.isArray(counts) || counts.length < 2 || !counts.every((c) => typeof c === 'number' && Number.isFinite(c) && c >= 0)) {
        problem(l.line, `"${rec.id}": variable "${name}" has no valid counts`, l.text);
        continue;
      }
      let col = columns.get(name);
      if (!col) columns.set(name, (col = { options: counts.length - 1, inferred: new Int16Array(n).fill(MISSING) }));
      if (counts.length - 1 !== col.options) {
        problem(l.line, `"${rec.id}": variable "${name}" has ${counts.length} buckets, earlier records ${col.options + 1}`, l.text);
        continue;
      }
      col.inferred[index] = inferredCode(counts as number[]);
    }
    return undefined;
  }, signal);
  return {
    path: filePath,
    columns: [...columns].map(([name, c]) => ({ name, options: c.options, inferred: c.inferred })),
    problems,
    problemCount,
    unknownIds,
  };
}

/** How the backstories in `subset` distribute over one variable: per option, non-compliant, and missing. */
export interface Distribution {
  readonly name: string;
  /** Backstories per option 0…K-1. */
  readonly counts: readonly number[];
  readonly nonCompliant: number;
  readonly missing: number;
  readonly total: number;
}

export function distributionOf(col: DemographicColumn, subset: Uint32Array): Distribution {
  const counts = new Array<number>(col.options + 1).fill(0);
  let missing = 0;
  for (let i = 0; i < subset.length; i++) {
    const code = col.inferred[subset[i] as number] as number;
    if (code === MISSING) missing++;
    else counts[code] = (counts[code] as number) + 1;
  }
  const nonCompliant = counts.pop() as number;
  return { name: col.name, counts, nonCompliant, missing, total: subset.length };
}
