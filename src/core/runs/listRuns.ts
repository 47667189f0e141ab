import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isRunId, runsDirOf } from './runPaths';
import { RUN_FILES, type RunRecord } from './runRecord';

/** A run folder whose run.json could be read. */
export interface RunEntry {
  readonly id: string;
  readonly dir: string;
  readonly record: RunRecord;
  /** Whether the folder holds an analysis.json. */
  readonly hasAnalysis: boolean;
  /** Modification time of analysis.json (ms since the epoch), when present. */
  readonly analysisMtimeMs?: number;
}

/** A run folder that could not be listed, and why (the list goes on without it). */
export interface RunProblem {
  readonly id: string;
  readonly dir: string;
  readonly reason: 'missing-record' | 'corrupt-record';
  readonly message: string;
}

export interface RunList {
  readonly runsDir: string;
  /** Newest first (by `createdAt`, then by id, which is sortable by construction). */
  readonly runs: readonly RunEntry[];
  readonly problems: readonly RunProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Lists a survey spec's runs from `<spec dir>/runs/<spec base name>/*\/run.json` (the shared `cache` folder there is
 * not a run). A folder without run.json or with
 * an unreadable one is reported in `problems` with its reason; it never hides the other runs. No runs folder → empty.
 */
export async function listRuns(specPath: string, signal?: AbortSignal): Promise<RunList> {
  const runsDir = runsDirOf(specPath);
  let names: string[];
  try {
    // `cache` beside the runs is the spec's shared answer cache (runStudy.ts), not a run: never listed as a problem
    names = (await readdir(runsDir, { withFileTypes: true })).filter((d) => d.isDirectory() && isRunId(d.name) && d.name !== RUN_FILES.cache).map((d) => d.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return { runsDir, runs: [], problems: [] };
    throw err;
  }
  const runs: RunEntry[] = [];
  const problems: RunProblem[] = [];
  await Promise.all(
    names.map(async (id) => {
      signal?.throwIfAborted();
      const dir = path.join(runsDir, id);
      let text: string;
      try {
        text = await readFile(path.join(dir, RUN_FILES.record), 'utf8');
      } catch {
        problems.push({ id, dir, reason: 'missing-record', message: `${id}: no ${RUN_FILES.record}` });
        return;
      }
      const record = parseRunRecord(text);
      if (typeof record === 'string') {
        problems.push({ id, dir, reason: 'corrupt-record', message: `${id}/${RUN_FILES.record}: ${record}` });
        return;
      }
      const analysis = await stat(path.join(dir, RUN_FILES.analysis)).catch(() => undefined);
      runs.push({ id, dir, record, hasAnalysis: analysis?.isFile() ?? false, ...(analysis?.isFile() ? { analysisMtimeMs: analysis.mtimeMs } : {}) });
    }),
  );
  signal?.throwIfAborted();
  runs.sort((a, b) => (a.record.createdAt < b.record.createdAt ? 1 : a.record.createdAt > b.record.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  problems.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { runsDir, runs, problems };
}

/** The newest run of a spec that has an analysis.json, if any. */
export async function newestAnalyzedRun(specPath: string, signal?: AbortSignal): Promise<RunEntry | undefined> {
  return (await listRuns(specPath, signal)).runs.find((r) => r.hasAnalysis);
}

/** Parses run.json text; returns a RunRecord, or what is wrong with it. */
export function parseRunRecord(text: string): RunRecord | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (!isObject(v)) return 'not a JSON object';
  if (v.schema !== 'persona-studio/run@1') return `schema ${JSON.stringify(v.schema)} is not "persona-studio/run@1"`;
  for (const key of ['id', 'kind', 'method', 'status', 'createdAt'] as const) {
    if (typeof v[key] !== 'string') return `"${key}" is missing or not a string`;
  }
  return v as unknown as RunRecord;
}
