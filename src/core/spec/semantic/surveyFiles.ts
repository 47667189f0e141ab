import path from 'node:path';
import type { SpecDiagnostic } from '../specDiagnostic';
import { specKindOf } from '../specKind';
import type { SemanticContext } from './semanticContext';
import { at, diag, resolveSpecPath, str } from './specShape';
import { humanDataOf } from './humanData';

/**
 * `semantic/missing-file`: the persona spec and the human data exist.
 * `semantic/wrong-kind`: `personas` points to a `*.persona.yaml` file.
 * `semantic/unsupported-format`: the human data is neither CSV nor an SPSS system file.
 * `semantic/unreadable-data`: the human data cannot be parsed (CSV, or a damaged `.sav`).
 */
export function checkSurveyFiles(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const personas = str(at(ctx.spec.value, ['personas']));
  if (personas !== undefined && personas.trim() !== '') {
    const abs = resolveSpecPath(ctx, personas);
    const stat = ctx.files.stat(abs);
    if (!stat || !stat.isFile) {
      out.push(diag(ctx, ['personas'], 'value', 'error', 'semantic/missing-file',
        `Persona spec not found: ${abs}. The path is relative to this survey's folder (${path.dirname(ctx.specPath)}); fix it or create the persona spec.`));
    } else if (specKindOf(abs) !== 'persona') {
      out.push(diag(ctx, ['personas'], 'value', 'error', 'semantic/wrong-kind',
        `"${personas}" is not a persona spec: point \`personas\` to a file named *.persona.yaml (or *.persona.yml).`));
    }
  }
  const human = humanDataOf(ctx);
  if (human?.kind === 'missing') {
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/missing-file',
      `Human data not found: ${human.absPath}. The path is relative to this survey's folder (${path.dirname(ctx.specPath)}); fix it or copy the data there.`));
  } else if (human?.kind === 'unsupported') {
    out.push(diag(ctx, ['human', 'data'], 'value', 'warning', 'semantic/unsupported-format',
      `Human data must be a CSV file (UTF-8, header row) or an SPSS system file (.sav, .zsav); "${human.extension || 'no extension'}" is not supported. Export the data as .csv or .sav and point \`data\` at it.`));
  } else if (human?.kind === 'unreadable') {
    const sav = /\.z?sav$/i.test(human.absPath);
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/unreadable-data',
      sav
        ? `The human data could not be read as an SPSS system file: ${human.reason}.`
        : `The human data could not be read as CSV: ${human.reason}. Check that it is UTF-8 CSV with a header row and the right \`delimiter\`.`));
  }
  return out;
}
