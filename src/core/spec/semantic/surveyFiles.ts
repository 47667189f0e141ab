import path from 'node:path';
import type { SpecDiagnostic } from '../specDiagnostic';
import { specKindOf } from '../specKind';
import type { SemanticContext } from './semanticContext';
import { at, diag, resolveSpecPath, str } from './specShape';
import { humanDataOf } from './humanData';

/**
 * `semantic/missing-file`: the persona spec and the human data exist.
 * `semantic/wrong-kind`: `personas` points to a `*.persona.yaml` file.
 * `semantic/unsupported-format`: the human data is a format not read yet (`.sav`).
 * `semantic/unreadable-data`: the human data cannot be parsed as CSV.
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
    const sav = human.extension === '.sav';
    out.push(diag(ctx, ['human', 'data'], 'value', 'warning', 'semantic/unsupported-format',
      sav
        ? 'SPSS .sav files are not read yet, so columns and codes cannot be checked and runs cannot compare with these data. Convert to CSV first, e.g. in R: write.csv(haven::as_factor(haven::read_sav("file.sav"), levels = "values"), "file.csv", row.names = FALSE, na = ""), or in Python: pandas.read_spss("file.sav", convert_categoricals=False).to_csv("file.csv", index=False); then point `data` at the .csv.'
        : `Human data must be a CSV file (UTF-8, header row); "${human.extension || 'no extension'}" is not supported. Export the data as .csv and point \`data\` at it.`));
  } else if (human?.kind === 'unreadable') {
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/unreadable-data',
      `The human data could not be read as CSV: ${human.reason}. Check that it is UTF-8 CSV with a header row and the right \`delimiter\`.`));
  }
  return out;
}
