import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { at, diag, entriesOf, isRecord, quote, str } from './specShape';

/**
 * `semantic/unknown-option`: a demographic variable's `refused` option is one of its `options`.
 * `semantic/invalid-regex`: `backstories.preamble.accept` is a valid regular expression.
 */
export function checkPersonaDemographicOptions(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  for (const [name, v] of entriesOf(at(ctx.spec.value, ['demographics', 'variables']))) {
    if (!isRecord(v)) continue;
    const refused = str(v['refused']);
    const options = Array.isArray(v['options']) ? v['options'].filter((o): o is string => typeof o === 'string') : undefined;
    if (refused === undefined || !options || options.includes(refused)) continue;
    out.push(diag(ctx, ['demographics', 'variables', name, 'refused'], 'value', 'error', 'semantic/unknown-option',
      `${quote(refused)} is not one of the options of "${name}" (${options.map(quote).join(', ')}). \`refused\` must repeat the refusal option exactly, or be removed.`));
  }
  const accept = str(at(ctx.spec.value, ['backstories', 'preamble', 'accept']));
  if (accept !== undefined) {
    const problem = regexProblem(accept);
    if (problem) {
      out.push(diag(ctx, ['backstories', 'preamble', 'accept'], 'value', 'error', 'semantic/invalid-regex',
        `\`accept\` is not a valid regular expression: ${problem}. Escape special characters with a backslash, or use a plain word such as "yes" with a leading "(?i)" for case-insensitive matching.`));
    }
  }
  return out;
}

/** Compiles a pattern as the generator will (a leading `(?i)` means case-insensitive). */
export function compileAccept(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
}

function regexProblem(pattern: string): string | undefined {
  try {
    compileAccept(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
