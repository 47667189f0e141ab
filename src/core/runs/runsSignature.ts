import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { runsDirOf } from './runPaths';
import { RUN_FILES } from './runRecord';

/**
 * A cheap fingerprint of the runs of some survey specs: each run folder's name with its run.json's size and
 * modification time. It changes whenever a run appears, goes, or rewrites its record, so a view can poll it
 * (where file watching is unavailable or misses events) without reading any run.json.
 */
export async function runsSignature(specPaths: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const spec of specPaths) {
    const dir = runsDirOf(spec);
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      parts.push(`${spec}:-`);
      continue;
    }
    parts.push(`${spec}:${names.length}`);
    for (const name of names) {
      const st = await stat(path.join(dir, name, RUN_FILES.record)).catch(() => undefined);
      parts.push(st ? `${name}:${st.size}:${st.mtimeMs}` : `${name}:-`);
    }
  }
  return parts.join('\n');
}
