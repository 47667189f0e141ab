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
    return checkedRunRecord(runDir);
  } catch {
    return undefined;
  }
}

/**
 * Reads `run.json`: undefined when the folder has none; a RangeError naming the file and what to do when it is
 * there but unreadable, not JSON, or not a run record (empty, garbage, `null`, `[]`, a folder).
 */
export function checkedRunRecord(runDir: string): RunRecord | undefined {
  const file = path.join(runDir, RUN_FILES.record);
  if (!existsSync(file)) return undefined;
  const fix = 'restore it, or delete the run folder (or pass another --run-dir) and run again';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RangeError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); ${fix}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RangeError(`${file}: ${text.trim() === '' ? 'is empty' : 'is not valid JSON'} (a run record was expected); ${fix}`);
  }
  const record = value as Partial<RunRecord> | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record) || record.schema !== 'persona-studio/run@1' || typeof record.surveySpec?.path !== 'string') {
    throw new RangeError(`${file}: is not a Persona Studio run record (no "schema": "persona-studio/run@1" with its "surveySpec"); ${fix}`);
  }
  return record as RunRecord;
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
