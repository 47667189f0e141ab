import path from 'node:path';
import type { SpecDiagnostic } from '../specDiagnostic';
import { clipText } from '../clipText';
import { describeFileKind } from '../specFileSystem';
import type { SemanticContext } from './semanticContext';
import { at, diag, listText, questionsOf, resolveSpecPath, str } from './specShape';

const TABLE_COLUMNS = ['group', 'option', 'share'] as const;

/**
 * `semantic/outcome-question`: an outcome study names a question of the survey, and its `lean` options are
 * options of that question. `semantic/missing-file` / `semantic/not-a-file`: its table exists and is a file.
 * `semantic/outcome-table-columns`: the table's header has the columns `group`, `option` and `share`.
 */
export function checkOutcomeStudies(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const studies = at(ctx.spec.value, ['outcomes']);
  if (!Array.isArray(studies)) return out;
  const questions = questionsOf(ctx);
  studies.forEach((_, i) => {
    const id = str(at(ctx.spec.value, ['outcomes', i, 'question']));
    if (id !== undefined) {
      const q = questions.find((x) => x.id === id);
      if (!q) {
        out.push(diag(ctx, ['outcomes', i, 'question'], 'value', 'error', 'semantic/outcome-question',
          `Outcome study ${i + 1} names question "${clipText(id)}", which this survey does not ask. Use one of: ${listText(questions.flatMap((x) => (x.id === undefined ? [] : [x.id])))}.`));
      } else {
        const options = (Array.isArray(q.options) ? q.options : []).filter((o): o is string => typeof o === 'string');
        for (const side of ['toward', 'against'] as const) {
          const o = str(at(ctx.spec.value, ['outcomes', i, 'lean', side]));
          if (o !== undefined && options.length > 0 && !options.includes(o)) {
            out.push(diag(ctx, ['outcomes', i, 'lean', side], 'value', 'error', 'semantic/outcome-question',
              `"${clipText(o)}" is not an option of question ${clipText(id)}; lean.${side} must be one of: ${listText(options)}.`));
          }
        }
      }
    }
    const table = str(at(ctx.spec.value, ['outcomes', i, 'table']));
    if (table === undefined || table.trim() === '') return;
    const abs = resolveSpecPath(ctx, table);
    const stat = ctx.files.stat(abs);
    if (!stat) {
      out.push(diag(ctx, ['outcomes', i, 'table'], 'value', 'error', 'semantic/missing-file',
        `Outcome table not found: ${abs}. The path is relative to this survey's folder (${path.dirname(ctx.specPath)}); fix it or copy the table there.`));
      return;
    }
    if (!stat.isFile) {
      out.push(diag(ctx, ['outcomes', i, 'table'], 'value', 'error', 'semantic/not-a-file',
        `The outcome table must be a CSV file, but ${abs} is ${describeFileKind(stat.kind, stat.isFile)}.`));
      return;
    }
    const text = ctx.files.readText(abs);
    const header = (text ?? '').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const missing = TABLE_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      out.push(diag(ctx, ['outcomes', i, 'table'], 'value', 'error', 'semantic/outcome-table-columns',
        `The outcome table ${path.basename(abs)} has no column ${listText(missing)}; it needs the columns group, option and share (a fraction in [0, 1]). Its columns: ${listText(header)}.`));
    }
  });
  return out;
}
