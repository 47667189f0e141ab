import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { RUN_FILES, type RunRecord } from '../../runs/runRecord';

/** `<spec dir>/runs/<spec base name>` (src/core/runs/runRecord.ts). */
export function runsRoot(specPath: string): string {
  const base = nodePath.basename(specPath).replace(/\.(survey|persona)\.ya?ml$/i, '');
  return nodePath.join(nodePath.dirname(specPath), 'runs', base);
}

/** `YYYYMMDD-HHMMSS-<method>` in UTC, with `-2`, `-3`… when the folder exists. */
export function newRunId(root: string, method: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = `${stamp}-${method}`;
  let id = base;
  for (let i = 2; fs.existsSync(nodePath.join(root, id)); i++) id = `${base}-${i}`;
  return id;
}

/** The run record in `dir`, or `undefined`. */
export function readRunRecord(dir: string): RunRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(nodePath.join(dir, RUN_FILES.record), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/**
 * The newest unfinished run of the same spec text and method under `root` (so re-running `simulate` resumes it),
 * or `undefined`.
 */
export function resumableRun(root: string, specHash: string, method: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(root).sort().reverse();
  } catch {
    return undefined;
  }
  for (const name of names) {
    const dir = nodePath.join(root, name);
    const r = readRunRecord(dir);
    if (r && r.kind === 'simulation' && r.method === method && r.surveySpec.hash === specHash && r.status !== 'done') return dir;
  }
  return undefined;
}
