import { promises as fs } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

/** `<base>.demographics.jsonl` beside `<base>.backstories.jsonl` (see src/core/runs/runRecord.ts). */
export function demographicsPathOf(backstoriesPath: string): string {
  const base = backstoriesPath.replace(/\.backstories\.jsonl$/i, '');
  return `${base}.demographics.jsonl`;
}

/** The labels of each demographic variable's options, from the persona spec that writes a backstories file. */
export interface PersonaLabels {
  readonly specPath: string;
  readonly variables: Readonly<Record<string, readonly string[]>>;
}

/**
 * Finds the `*.persona.yaml` in the backstories file's folder whose `backstories.output` names that file and
 * returns its demographic variables' option labels; undefined when there is none (or it does not parse: the
 * editor then labels options by number).
 */
export async function findPersonaLabels(backstoriesPath: string): Promise<PersonaLabels | undefined> {
  const dir = path.dirname(backstoriesPath);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of names.filter((n) => /\.persona\.ya?ml$/i.test(n)).sort()) {
    const specPath = path.join(dir, name);
    let spec: unknown;
    try {
      spec = load(await fs.readFile(specPath, 'utf8'));
    } catch {
      continue;
    }
    const s = spec as { backstories?: { output?: unknown }; demographics?: { variables?: Record<string, { options?: unknown }> } } | null;
    const output = s?.backstories?.output;
    if (typeof output !== 'string' || path.resolve(dir, output) !== path.resolve(backstoriesPath)) continue;
    const variables: Record<string, string[]> = {};
    for (const [v, def] of Object.entries(s?.demographics?.variables ?? {})) {
      if (Array.isArray(def?.options)) variables[v] = def.options.map((o) => (typeof o === 'object' && o !== null && 'label' in o ? String((o as { label: unknown }).label) : String(o)));
    }
    return { specPath, variables };
  }
  return undefined;
}
