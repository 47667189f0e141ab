import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { declaredCodes, diag, listText, questionsOf } from './specShape';
import { classifyField } from '../../data/index';
import { humanDataOf, missingMarkers } from './humanData';

/**
 * `semantic/code-not-declared` (warning): every answer value in a question's human-data column is one
 * of the question's codes or a declared missing value. Says which values occur and in how many rows.
 */
export function checkHumanCodes(ctx: SemanticContext): SpecDiagnostic[] {
  const human = humanDataOf(ctx);
  if (human?.kind !== 'table') return [];
  const missing = missingMarkers(ctx);
  const out: SpecDiagnostic[] = [];
  for (const q of questionsOf(ctx)) {
    const column = q.column ?? q.id;
    const codes = declaredCodes(q);
    if (column === undefined || !codes) continue;
    const summary = human.table.summary.get(column);
    if (!summary) continue; // reported by missing-column
    const declared = new Set(codes);
    const bad: [string, number][] = [];
    for (const [value, rows] of summary.counts) {
      // read exactly as compare/bounds/analysis will read the column (src/core/data README: 0x10 is not 16)
      const n = classifyField(value, missing);
      if (n === 'missing' || (typeof n === 'number' && declared.has(n))) continue;
      bad.push([value, rows]);
    }
    if (bad.length === 0) continue;
    bad.sort((a, b) => b[1] - a[1]);
    const rows = bad.reduce((s, [, n]) => s + n, 0);
    const shown = listText(bad.map(([v, n]) => `${JSON.stringify(v)} (${n} row${n === 1 ? '' : 's'})`));
    const where = q.codes ? ['questions', q.index, 'codes'] : ['questions', q.index, 'options'];
    out.push(diag(ctx, where, 'value', 'warning', 'semantic/code-not-declared',
      `Question ${q.id ?? q.index + 1}: column "${column}" has ${bad.length} value${bad.length === 1 ? '' : 's'} that ${bad.length === 1 ? 'is' : 'are'} not among the declared codes [${codes.join(', ')}] in ${rows} row${rows === 1 ? '' : 's'}: ${shown}${summary.truncated ? ' (the column has too many distinct values to list them all)' : ''}. Add an option and code for ${bad.length === 1 ? 'it' : 'them'}, or list refusal/don't-know codes in \`human.missing\`; otherwise these rows will be dropped from the human distribution.`));
  }
  return out;
}
