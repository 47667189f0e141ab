import { promises as fs } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

/** `<base>.demographics.jsonl` beside `<base>.backstories.jsonl` (see src/core/runs/runRecord.ts). */
export function demographicsPathOf(backstoriesPath: string): string {
  const base = backstoriesPath.replace(/\.backstories\.jsonl$/i, '');
  return `${base}.demographics.jsonl`;
}

/**
 * The backstories file a persona spec writes, from its parsed YAML: `backstories.output` (relative to the spec), else
 * `<name>.backstories.jsonl` next to it, `name` being the spec's `name:` (as `toPersonaSpec` and the schema say),
 * else (a spec without a name yet) the spec's file name with `.persona.yaml` replaced.
 */
export function backstoriesPathOf(specPath: string, value: unknown): string {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const b = v.backstories;
  const output = typeof b === 'object' && b !== null ? (b as Record<string, unknown>).output : undefined;
  if (typeof output === 'string' && output !== '') return path.resolve(path.dirname(specPath), output);
  if (typeof v.name === 'string' && v.name !== '') return path.join(path.dirname(path.resolve(specPath)), `${v.name}.backstories.jsonl`);
  return specPath.replace(/\.persona\.ya?ml$/i, '.backstories.jsonl');
}

/** The labels of each demographic variable's options, from the persona spec that writes a backstories file. */
export interface PersonaLabels {
  readonly specPath: string;
  readonly variables: Readonly<Record<string, readonly string[]>>;
}

/**
 * Finds the `*.persona.yaml` in the backstories file's folder that writes that file ({@link backstoriesPathOf}) and
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
    if (s?.backstories === undefined || backstoriesPathOf(specPath, s) !== path.resolve(backstoriesPath)) continue;
    const variables: Record<string, string[]> = {};
    for (const [v, def] of Object.entries(s?.demographics?.variables ?? {})) {
      if (Array.isArray(def?.options)) variables[v] = def.options.map((o) => (typeof o === 'object' && o !== null && 'label' in o ? String((o as { label: unknown }).label) : String(o)));
    }
    return { specPath, variables };
  }
  return undefined;
}
