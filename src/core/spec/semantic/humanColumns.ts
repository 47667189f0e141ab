import { didYouMean } from '../didYouMean';
import type { SpecDiagnostic } from '../specDiagnostic';
import type { YamlPath } from '../yamlPath';
import type { SemanticContext } from './semanticContext';
import { at, diag, entriesOf, isRecord, questionsOf, str } from './specShape';
import { humanDataOf } from './humanData';

/**
 * `semantic/missing-column`: the id and weight columns, each question's column (its `column`, or its
 * id) and each demographic column exist in the human data's header row.
 */
export function checkHumanColumns(ctx: SemanticContext): SpecDiagnostic[] {
  const human = humanDataOf(ctx);
  if (human?.kind !== 'table') return [];
  const columns = new Set(human.table.columns);
  const file = human.absPath;
  const out: SpecDiagnostic[] = [];
  const require = (name: string, p: YamlPath, what: string, hint: string): void => {
    if (columns.has(name)) return;
    const guess = didYouMean(name, columns);
    out.push(diag(ctx, p, 'value', 'error', 'semantic/missing-column',
      `${what}: the human data has no column "${name}" (${file}). ${guess ? `Did you mean "${guess}"? ` : ''}${hint}`));
  };
  const idColumn = str(at(ctx.spec.value, ['human', 'id']));
  if (idColumn !== undefined) require(idColumn, ['human', 'id'], 'Respondent id', 'Use the name of the id column exactly as in the header row, or remove `id` to use row numbers.');
  const weight = str(at(ctx.spec.value, ['human', 'weight']));
  if (weight !== undefined) require(weight, ['human', 'weight'], 'Survey weight', 'Use the weight column exactly as in the header row, or remove `weight` for unweighted metrics.');
  for (const q of questionsOf(ctx)) {
    const name = q.column ?? q.id;
    if (name === undefined) continue;
    const p: YamlPath = q.column !== undefined ? ['questions', q.index, 'column'] : ['questions', q.index, 'id'];
    require(name, p, `Question ${q.id ?? q.index + 1}`,
      q.column !== undefined ? 'Fix `column` to the header name of this question\'s answers.' : 'Without `column` the question id is the column name: add `column: <header name>` to this question.');
  }
  for (const [variable, spec] of entriesOf(at(ctx.spec.value, ['human', 'demographics']))) {
    const column = isRecord(spec) ? str(spec['column']) : undefined;
    if (column === undefined) continue;
    require(column, ['human', 'demographics', variable, 'column'], `Demographic "${variable}"`, 'Use the header name of the column holding this variable.');
  }
  return out;
}
