import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../runStore/writeFileAtomic';
import { RUN_FILES, type RunRecord } from './runRecord';

/** `<spec dir>/runs/<spec base name>`: where a survey spec's runs live (see runRecord.ts). */
export function runsFolderOf(surveySpecPath: string): string {
  const base = path.basename(surveySpecPath).replace(/\.survey\.ya?ml$/i, '');
  return path.join(path.dirname(path.resolve(surveySpecPath)), 'runs', base);
}

/** `YYYYMMDD-HHMMSS-<method>` in UTC, made unique in `folder` with `-2`, `-3`, … */
export function newRunId(folder: string, method: string, now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  const safe = method.replace(/[^A-Za-z0-9_.-]+/g, '-');
  const id = `${stamp}-${safe}`;
  if (!existsSync(path.join(folder, id))) return id;
  for (let i = 2; ; i++) if (!existsSync(path.join(folder, `${id}-${i}`))) return `${id}-${i}`;
}

/** Creates a run folder (and its parents). */
export function createRunFolder(folder: string, id: string): string {
  const dir = path.join(folder, id);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes `run.json` atomically. */
export async function writeRunRecord(runDir: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(path.join(runDir, RUN_FILES.record), `${JSON.stringify(record, null, 2)}\n`);
}

/** Reads `run.json`, or undefined when the folder has none (or it is not a run record). */
export function readRunRecord(runDir: string): RunRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(path.join(runDir, RUN_FILES.record), 'utf8')) as Partial<RunRecord>;
    return value.schema === 'persona-studio/run@1' ? (value as RunRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The run folders under `runsFolder` that have an `answers.csv`, oldest id first. */
export function runFoldersWithAnswers(runsFolder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(runsFolder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  return entries.sort().map((e) => path.join(runsFolder, e)).filter((dir) => existsSync(path.join(dir, RUN_FILES.answers)));
}
