import personaSchema from '../../../../schemas/persona.schema.json';
import surveySchema from '../../../../schemas/survey.schema.json';
import { clipText } from '../clipText';
import { didYouMean } from '../didYouMean';
import type { JsonSchema } from '../schema/jsonSchema';
import { matchPaths, propertyPaths, type PathPattern } from '../schema/propertyPaths';
import type { SpecAction, SpecDiagnostic } from '../specDiagnostic';
import type { SpecKind } from '../specKind';
import type { SemanticContext } from './semanticContext';
import { listText } from './specShape';

/** The setting that names the endpoints specs refer to (declared in package.json, read in src/extension/config.ts). */
export const ENDPOINTS_SETTING = 'personaStudio.endpoints';

const schemas: Readonly<Record<SpecKind, JsonSchema>> = { survey: surveySchema as JsonSchema, persona: personaSchema as JsonSchema };
const patterns = new Map<SpecKind, PathPattern[]>();

/** Where each spec kind names an endpoint (`endpoint`, `demographics.locator.endpoint`, `simulation.endpoint`), from its schema. */
export function endpointPaths(kind: SpecKind): PathPattern[] {
  let found = patterns.get(kind);
  if (!found) patterns.set(kind, (found = propertyPaths(schemas[kind], 'endpoint')));
  return found;
}

/**
 * `semantic/unknown-endpoint`: an `endpoint:` value names no configured endpoint, so the spec cannot run
 * here. Only when the caller knows the configured names (`ctx.endpointNames`): plain `validate` without
 * `--endpoints`/`--settings` does not guess. The endpoints are per machine, so this is a warning, not an
 * error: the same spec is right on a colleague's machine that has the endpoint. While no endpoint is
 * configured at all it is a hint (shown in the editor, not in the Problems panel): every spec, the shipped
 * examples too, would otherwise open with warnings before the user has set anything up. Carries a quick
 * fix to the closest configured name, when one is close, and one that opens the setting.
 */
export function checkEndpointNames(ctx: SemanticContext): SpecDiagnostic[] {
  const names = ctx.endpointNames;
  if (names === undefined) return [];
  const known = new Set(names);
  const out: SpecDiagnostic[] = [];
  const open: SpecAction = { title: `Open the ${ENDPOINTS_SETTING} setting`, kind: 'open-setting', setting: ENDPOINTS_SETTING };
  for (const pattern of endpointPaths(ctx.spec.kind)) {
    for (const { path, value } of matchPaths(ctx.spec.value, pattern)) {
      if (typeof value !== 'string' || value === '' || known.has(value)) continue;
      const range = ctx.rangeOf(path, 'value');
      const suggestion = didYouMean(value, names);
      const shown = JSON.stringify(clipText(value));
      const hint =
        names.length === 0
          ? `No endpoints are configured yet: add one named ${shown} (with its baseUrl) to the ${ENDPOINTS_SETTING} setting.`
          : suggestion
            ? `Did you mean "${suggestion}"? Configured: ${listText([...names].map((n) => `"${n}"`))}. Or add ${shown} to the ${ENDPOINTS_SETTING} setting.`
            : `Configured: ${listText([...names].map((n) => `"${n}"`))}. Use one of them, or add ${shown} (with its baseUrl) to the ${ENDPOINTS_SETTING} setting.`;
      out.push({
        range,
        severity: names.length === 0 ? 'hint' : 'warning',
        rule: 'semantic/unknown-endpoint',
        message: `No endpoint named ${shown} is configured, so this spec cannot run here. ${hint}`,
        ...(suggestion ? { fix: { title: `Change to '${suggestion}'`, edits: [{ range, newText: yamlScalar(suggestion) }] } } : {}),
        actions: [open],
      });
    }
  }
  return out;
}

/** `name` as a YAML scalar that reads back as the same string (quoted when it would read as a number, a boolean, null…). */
function yamlScalar(name: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(name) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(name) ? name : JSON.stringify(name);
}
