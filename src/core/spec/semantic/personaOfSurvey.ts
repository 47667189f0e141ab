import { parseSpec } from '../parseSpec';
import type { SemanticContext } from './semanticContext';
import { at, entriesOf, isRecord, resolveSpecPath, str } from './specShape';

/** The demographic variables (name → option labels) of the persona spec a survey points to. */
export interface PersonaDemographics {
  readonly path: string;
  readonly variables: ReadonlyMap<string, readonly string[]>;
}

const cache = new Map<string, { key: string; value: PersonaDemographics | undefined }>();

/** Reads the survey's `personas` spec; undefined when it is missing, unreadable or not a mapping. */
export function personaDemographicsOf(ctx: SemanticContext): PersonaDemographics | undefined {
  const written = str(at(ctx.spec.value, ['personas']));
  if (written === undefined || written.trim() === '') return undefined;
  const abs = resolveSpecPath(ctx, written);
  const stat = ctx.files.stat(abs);
  if (!stat?.isFile) return undefined;
  const key = `${stat.mtimeMs}:${stat.size}`;
  const hit = cache.get(abs);
  if (hit && hit.key === key) return hit.value;
  const value = read(ctx, abs);
  cache.set(abs, { key, value });
  if (cache.size > 16) cache.delete(cache.keys().next().value!);
  return value;
}

function read(ctx: SemanticContext, abs: string): PersonaDemographics | undefined {
  const text = ctx.files.readText(abs);
  if (text === undefined) return undefined;
  const doc = parseSpec(text, 'persona').value;
  if (!isRecord(doc)) return undefined;
  const variables = new Map<string, readonly string[]>();
  for (const [name, v] of entriesOf(at(doc, ['demographics', 'variables']))) {
    const options = isRecord(v) && Array.isArray(v['options']) ? v['options'].filter((o): o is string => typeof o === 'string') : [];
    variables.set(name, options);
  }
  return { path: abs, variables };
}
