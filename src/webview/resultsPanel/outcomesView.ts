import { toCsv, type CsvCell } from '../../core/results/toCsv';
import type { OutcomeStudyReport } from '../../protocol/resultsPanel';
import { el } from '../shared/dom';
import type { App } from './app';
import { tableExportButtons } from './exportButtons';
import { fmtPercent, fmtSigned } from './format';

type GroupOutcome = OutcomeStudyReport['methods'][string]['groups'][number];

/** Mean |simulated − real share| over the options of one group; null without a real outcome. */
export function groupError(g: GroupOutcome): number | null {
  if (!g.error) return null;
  const v = Object.values(g.error);
  return v.length === 0 ? null : v.reduce((a, x) => a + Math.abs(x), 0) / v.length;
}

/** One row per group × method (long format) for CSV export. */
export function outcomeCsv(study: OutcomeStudyReport): string {
  const rows: CsvCell[][] = [];
  for (const [method, res] of Object.entries(study.methods)) {
    for (const g of res.groups) {
      rows.push([study.question, method, g.group, g.n, g.invalid, g.winner, g.realWinner, g.flipped === null ? null : g.flipped ? 'yes' : 'no', g.margin, g.realMargin, g.realMargin === null ? null : g.margin - g.realMargin, groupError(g)]);
    }
  }
  return toCsv(['question', 'method', 'group', 'n', 'invalid_share', 'winner', 'real_winner', 'flipped', 'margin', 'real_margin', 'margin_error', 'mean_abs_share_error'], rows);
}

function studyElement(app: App, study: OutcomeStudyReport, index: number): HTMLElement {
  const methods = Object.keys(study.methods);
  const labelOf = (m: string): string => app.init.methods.find((x) => x.key === m)?.label ?? m;
  const toward = study.lean.toward;
  const summary = el('table', { class: 'small outcomes-summary' },
    el('thead', {}, el('tr', {}, el('th', { text: 'method' }), el('th', { class: 'num', text: 'groups compared' }), el('th', { class: 'num', text: 'winner flips' }),
      el('th', { class: 'num', text: 'mean |share error|' }), el('th', { class: 'num', text: `lean towards ${toward}`, title: `mean over groups of (simulated − real) margin of ${toward} over ${study.lean.against}` }), el('th', { class: 'num', text: 'left out', title: `personas with no value for ${study.group}` }))),
    el('tbody', {}, ...methods.map((m) => {
      const r = study.methods[m]!;
      return el('tr', { attrs: { 'data-method': m } },
        el('th', { attrs: { scope: 'row' }, text: labelOf(m) }),
        el('td', { class: 'num', text: String(r.compared) }),
        el('td', { class: `num${r.flips > 0 ? ' flip' : ''}`, text: r.compared === 0 ? '–' : `${r.flips} of ${r.compared}` }),
        el('td', { class: 'num', text: fmtPercent(r.meanAbsError), title: r.meanAbsError === null ? 'no group has a real outcome' : '' }),
        el('td', { class: 'num', text: r.lean === null ? '–' : `${fmtSigned(r.lean * 100, 1)} pts`, title: r.lean === null ? 'no group has a real outcome' : '' }),
        el('td', { class: 'num', text: String(study.ungrouped[m] ?? 0) }));
    })));
  const flips = methods.map((m) => {
    const groups = study.methods[m]!.groups.filter((g) => g.flipped === true);
    return el('li', { attrs: { 'data-flips': m } }, el('strong', { text: `${labelOf(m)}: ` }),
      groups.length === 0 ? 'no winner flips' : groups.map((g) => `${g.group} (${g.realWinner ?? '?'} → ${g.winner ?? 'tie'})`).join(', '));
  });
  const groupNames = [...new Set(methods.flatMap((m) => study.methods[m]!.groups.map((g) => g.group)))];
  const per = (m: string, g: string): GroupOutcome | undefined => study.methods[m]!.groups.find((x) => x.group === g);
  const groupTable = el('table', { class: 'small outcomes-groups' },
    el('thead', {},
      el('tr', {}, el('th', { text: study.group }), el('th', { text: 'real winner' }), ...methods.map((m) => el('th', { attrs: { colspan: '3' }, text: labelOf(m) }))),
      el('tr', {}, el('th', {}), el('th', {}), ...methods.flatMap(() => [el('th', { text: 'winner' }), el('th', { class: 'num', text: 'margin error (pts)' }), el('th', { class: 'num', text: '|share error|' })]))),
    el('tbody', {}, ...groupNames.map((g) => {
      const real = methods.map((m) => per(m, g)?.realWinner).find((x) => x !== undefined) ?? null;
      return el('tr', { attrs: { 'data-group': g } },
        el('th', { attrs: { scope: 'row' }, text: g }),
        el('td', { text: real ?? '–' }),
        ...methods.flatMap((m) => {
          const o = per(m, g);
          if (!o) return [el('td', { text: '–' }), el('td', { class: 'num', text: '–' }), el('td', { class: 'num', text: '–' })];
          return [
            el('td', { class: o.flipped ? 'flip' : '', text: `${o.winner ?? 'tie'}${o.flipped ? ' ⚑' : ''}`, title: o.flipped ? 'the winner flips' : '' }),
            el('td', { class: 'num', text: o.realMargin === null ? '–' : `${fmtSigned((o.margin - o.realMargin) * 100, 1)}` }),
            el('td', { class: 'num', text: fmtPercent(groupError(o)) }),
          ];
        }));
    })));
  return el('section', { attrs: { 'data-outcome': study.question } },
    el('div', { class: 'toolbar' }, el('h3', { text: `${study.question} by ${study.group}` }),
      tableExportButtons(app, () => `${app.init.specName}-outcome-${index + 1}-${study.question}`, () => outcomeCsv(study), () => study)),
    el('p', { class: 'note', text: `Real outcome: ${study.table}. Shares count invalid answers and abstentions in the denominator; the lean is the mean signed margin error of ${toward} over ${study.lean.against}, in percentage points (Li et al. 2025).` }),
    summary,
    el('h4', { text: 'Groups whose winner flips' }),
    el('ul', { class: 'flips' }, ...flips),
    el('h4', { text: 'Per group' }),
    el('div', { class: 'list' }, groupTable));
}

/** The Outcomes tab: every outcome study of the analysis, persona methods side by side. */
export function renderOutcomes(app: App, root: HTMLElement): void {
  const studies = app.init.outcomes;
  root.replaceChildren(
    el('div', { class: 'toolbar' }, el('h2', { text: 'Outcome studies' })),
    studies.length === 0
      ? el('p', { class: 'note', text: 'This analysis has no outcome study (declare `outcomes` in the survey spec and analyse a simulation run).' })
      : el('div', {}, ...studies.map((s, i) => studyElement(app, s, i))));
}
