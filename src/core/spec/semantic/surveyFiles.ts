import path from 'node:path';
import type { SpecDiagnostic } from '../specDiagnostic';
import { specKindOf } from '../specKind';
import type { SemanticContext } from './semanticContext';
import { at, diag, resolveSpecPath, str } from './specShape';
import { clipText } from '../clipText';
import { describeFileKind } from '../specFileSystem';
import { HUMAN_DATA_FORMATS, humanDataOf } from './humanData';

/**
 * `semantic/missing-file`: the persona spec and the human data exist.
 * `semantic/wrong-kind`: `personas` points to a `*.persona.yaml` file.
 * `semantic/not-a-file`: the persona spec or the human data is a folder, a named pipe or a device.
 * `semantic/unsupported-format`: the human data is not one of `HUMAN_DATA_FORMATS` (an error: runs could
 * not compare with it).
 * `semantic/unreadable-data`: the human data cannot be parsed (CSV, or a damaged `.sav`).
 */
export function checkSurveyFiles(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const personas = str(at(ctx.spec.value, ['personas']));
  if (personas !== undefined && personas.trim() !== '') {
    const abs = resolveSpecPath(ctx, personas);
    const stat = ctx.files.stat(abs);
    if (stat && !stat.isFile) {
      out.push(diag(ctx, ['personas'], 'value', 'error', 'semantic/not-a-file',
        `\`personas\` must point to a persona spec file, but ${abs} is ${describeFileKind(stat.kind, stat.isFile)}. Point it to a *.persona.yaml file.`));
    } else if (!stat) {
      out.push(diag(ctx, ['personas'], 'value', 'error', 'semantic/missing-file',
        `Persona spec not found: ${abs}. The path is relative to this survey's folder (${path.dirname(ctx.specPath)}); fix it or create the persona spec.`));
    } else if (specKindOf(abs) !== 'persona') {
      out.push(diag(ctx, ['personas'], 'value', 'error', 'semantic/wrong-kind',
        `"${clipText(personas)}" is not a persona spec: point \`personas\` to a file named *.persona.yaml (or *.persona.yml).`));
    }
  }
  const human = humanDataOf(ctx);
  if (human?.kind === 'missing') {
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/missing-file',
      `Human data not found: ${human.absPath}. The path is relative to this survey's folder (${path.dirname(ctx.specPath)}); fix it or copy the data there.`));
  } else if (human?.kind === 'not-a-file') {
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/not-a-file',
      `Human data must be a file, but ${human.absPath} is ${describeFileKind(human.fileKind, false)}. Point \`data\` to the data file itself (${supportedFormats()}).`));
  } else if (human?.kind === 'unsupported') {
    const what = human.extension ? `"${human.extension}" files` : 'a file without an extension';
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/unsupported-format',
      `Human data in ${what} cannot be read, so its columns and codes cannot be checked and runs cannot compare with it. Supported: ${supportedFormats()}. ` +
        'Export the data as UTF-8 CSV with a header row (or an SPSS .sav file) and point `data` at it.'));
  } else if (human?.kind === 'unreadable') {
    const sav = /\.z?sav$/i.test(human.absPath);
    out.push(diag(ctx, ['human', 'data'], 'value', 'error', 'semantic/unreadable-data',
      sav
        ? `The human data could not be read as an SPSS system file: ${human.reason}.`
        : `The human data could not be read as CSV: ${human.reason}. Check that it is UTF-8 CSV with a header row and the right \`delimiter\`.`));
  }
  return out;
}

/** `.csv, .tsv or .txt`: the extensions of `HUMAN_DATA_FORMATS`. */
function supportedFormats(): string {
  const exts = HUMAN_DATA_FORMATS.map((f) => f.extension);
  return exts.length <= 1 ? exts.join('') : `${exts.slice(0, -1).join(', ')} or ${exts[exts.length - 1]!}`;
}
