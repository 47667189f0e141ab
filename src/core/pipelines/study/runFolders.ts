import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { readRunRecord } from '../../runs/runFolders';

/** `<spec dir>/runs/<spec base name>` for a survey or persona spec (src/core/runs/runRecord.ts). */
export function runsRoot(specPath: string): string {
  const base = nodePath.basename(specPath).replace(/\.(survey|persona)\.ya?ml$/i, '');
  return nodePath.join(nodePath.dirname(nodePath.resolve(specPath)), 'runs', base);
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
