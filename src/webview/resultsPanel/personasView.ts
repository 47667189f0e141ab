import { toCsv } from '../../core/results/toCsv';
import type { PersonaAnswerRow, PersonaDetail, PersonaPage, PersonaRow } from '../../protocol/resultsPanel';
import { el, setChildren } from '../shared/dom';
import type { App, UiPatch } from './app';
import { tableExportButtons } from './exportButtons';
import { fmt } from './format';

export const PERSONA_PAGE = 50;

const statusText: Record<PersonaAnswerRow['status'], string> = {
  answered: '', refused: 'refused', 'non-compliant': 'non-compliant', failed: 'failed (no answer)', missing: 'no answer recorded',
};

/** The persona's answer as shown: the canonical label with its code, or what happened instead (never a code). */
export function answerText(a: Pick<PersonaAnswerRow, 'status' | 'code' | 'label'>): string {
  if (a.status !== 'answered' || a.code === null) return statusText[a.status] || 'no answer';
  return a.label !== null ? `${a.code} ${a.label}` : String(a.code);
}

const refusedText = (r: PersonaRow): string => {
  const parts = [r.refused > 0 ? `${r.refused} refused` : '', r.nonCompliant > 0 ? `${r.nonCompliant} non-compliant` : '', r.failed > 0 ? `${r.failed} failed` : ''].filter(Boolean);
  return parts.length === 0 ? '0' : parts.join(' · ');
};

/** The Personas tab: a simulation method's personas, paged from the host; one persona's answers beside its human's. */
export async function renderPersonas(app: App, root: HTMLElement): Promise<void> {
  const sims = app.init.methods.filter((m) => m.kind === 'simulation');
  if (sims.length === 0) {
    root.replaceChildren(el('div', { class: 'toolbar' }, el('h2', { text: 'Personas' })),
      el('p', { class: 'note', attrs: { 'data-empty': 'personas' }, text: 'This analysis has no simulation run: baselines and ensembles are not asked of personas. Run a simulation to see its personas here.' }));
    return;
  }
  const method = sims.some((m) => m.key === app.ui.method) ? app.ui.method! : sims[0]!.key;
  const sortBy = app.ui.personaSort ?? 'order';
  const descending = sortBy !== 'order';
  const offset = app.ui.personaOffset ?? 0;
  const filterText = app.ui.personaFilter ?? '';
  const change = async (patch: UiPatch): Promise<void> => {
    app.update(patch);
    await renderPersonas(app, root);
  };
  const list = el('tbody');
  const detail = el('div', { class: 'detail', attrs: { 'aria-live': 'polite' } });
  const methodSelect = el('vscode-single-select', { attrs: { 'aria-label': 'method' }, on: { change: (e: Event) => void change({ method: (e.target as HTMLInputElement).value, personaOffset: 0, persona: undefined }) } },
    ...sims.map((m) => el('vscode-option', { attrs: { value: m.key, ...(m.key === method ? { selected: '' } : {}) }, text: m.label })));
  const filter = el('vscode-textfield', { attrs: { placeholder: 'Filter by persona, backstory or respondent', value: filterText, 'aria-label': 'filter personas' }, on: { change: (e: Event) => void change({ personaFilter: (e.target as HTMLInputElement).value, personaOffset: 0 }) } });
  const sortSelect = el('vscode-single-select', { attrs: { 'aria-label': 'sort personas' }, on: { change: (e: Event) => void change({ personaSort: (e.target as HTMLInputElement).value as 'order' | 'mad' | 'refused', personaOffset: 0 }) } },
    ...([['order', 'file order'], ['mad', 'largest deviation from the human'], ['refused', 'most refusals']] as const).map(([k, t]) => el('vscode-option', { attrs: { value: k, ...(k === sortBy ? { selected: '' } : {}) }, text: t })));
  let page: PersonaPage;
  try {
    page = await app.rpc.request('personas/page', { method, sortBy, descending, filter: filterText, offset, limit: PERSONA_PAGE });
  } catch (err) {
    root.replaceChildren(el('div', { class: 'toolbar' }, el('h2', { text: 'Personas' }), methodSelect),
      el('p', { class: 'note', attrs: { 'data-empty': 'personas' }, text: err instanceof Error ? err.message : String(err) }));
    return;
  }
  const paired = page.rows.some((r) => r.human !== null);
  const showDetail = async (id: string): Promise<void> => {
    const d: PersonaDetail = await app.rpc.request('persona/detail', { method, id });
    setChildren(detail, ...personaDetailElements(app, d));
  };
  const select = async (id: string): Promise<void> => {
    app.update({ persona: id });
    for (const tr of list.querySelectorAll('tr')) tr.classList.toggle('selected', tr.dataset.id === id);
    await showDetail(id);
  };
  list.replaceChildren(...page.rows.map((r) => el('tr', { attrs: { 'data-id': r.id, tabindex: '0' }, class: r.id === app.ui.persona ? 'selected' : '', on: {
    click: () => void select(r.id),
    keydown: (e: KeyboardEvent) => { if (e.key === 'Enter') void select(r.id); },
  } },
    el('th', { attrs: { scope: 'row' }, text: r.id }),
    el('td', { text: r.human ?? '—', title: r.human === null ? 'not matched to a human respondent' : 'matched human respondent' }),
    el('td', { class: 'num', text: String(r.answered) }),
    el('td', { class: 'num', text: refusedText(r) }),
    el('td', { class: 'num', text: fmt(r.mad, 2), title: r.mad === null ? (r.human === null ? 'not paired with a human' : 'no question answered by both') : `over ${r.paired} question(s) both answered` }))));
  const last = Math.min(page.total, page.offset + page.rows.length);
  const pager = el('span', { class: 'pager' },
    el('vscode-button', { attrs: { secondary: '', ...(page.offset === 0 ? { disabled: '' } : {}) }, text: '‹ Previous', on: { click: () => void change({ personaOffset: Math.max(0, offset - PERSONA_PAGE) }) } }),
    el('span', { class: 'count', text: page.total === 0 ? 'no personas' : `${page.offset + 1}–${last} of ${page.total}` }),
    el('vscode-button', { attrs: { secondary: '', ...(last >= page.total ? { disabled: '' } : {}) }, text: 'Next ›', on: { click: () => void change({ personaOffset: offset + PERSONA_PAGE }) } }));
  const allRows = async (): Promise<PersonaRow[]> => {
    const rows: PersonaRow[] = [];
    for (let o = 0; ; o += 500) {
      const p = await app.rpc.request('personas/page', { method, sortBy, descending, filter: filterText, offset: o, limit: 500 });
      rows.push(...p.rows);
      if (p.rows.length === 0 || rows.length >= p.total) return rows;
    }
  };
  setChildren(root,
    el('div', { class: 'toolbar' }, el('h2', { text: 'Personas' }), methodSelect, filter, sortSelect, pager,
      tableExportButtons(app, () => `${app.init.specName}-${method}-personas`,
        async () => toCsv(['persona_id', 'backstory_id', 'respondent', 'answered', 'refused', 'non_compliant', 'failed', 'mad', 'paired'], (await allRows()).map((r) => [r.id, r.backstoryId, r.human, r.answered, r.refused, r.nonCompliant, r.failed, r.mad, r.paired])), allRows)),
    page.humanNote ? el('p', { class: 'note', text: page.humanNote }) : null,
    el('div', { class: 'split' },
      el('div', { class: 'list' }, el('table', { class: 'questions personas' },
        el('thead', {}, el('tr', {}, el('th', { text: 'persona' }), el('th', { text: 'human', title: 'matched human respondent' }), el('th', { class: 'num', text: 'answered' }), el('th', { class: 'num', text: 'refused' }),
          el('th', { class: 'num', text: 'MAD', title: 'mean |persona code − matched human code| over the questions both answered' }))),
        list)),
      detail),
    paired ? null : el('p', { class: 'note', text: 'These personas are not matched to human respondents: no paired answers or deviation.' }));
  const first = page.rows.some((r) => r.id === app.ui.persona) ? app.ui.persona : page.rows[0]?.id;
  if (first) await select(first);
}

/** The detail of one persona: its facts, the backstory action or its text, and every answer beside the human's. */
function personaDetailElements(app: App, d: PersonaDetail): (HTMLElement | null)[] {
  const r = d.row;
  const demo = Object.entries(d.demographics).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const action = d.source === 'backstory'
    ? el('vscode-button', { attrs: { 'data-action': 'open-backstory' }, text: 'Open backstory', on: { click: () => void app.rpc.request('persona/backstory', { method: d.method, id: r.id }).then((ok) => { if (!ok) app.status('The backstory could not be opened (its file is missing or no longer holds this persona).', 'error'); }).catch((err: unknown) => app.status(String(err instanceof Error ? err.message : err), 'error')) } })
    : null;
  const paired = r.human !== null;
  const rows = d.answers.map((a) => el('tr', { attrs: { 'data-question': a.question } },
    el('th', { attrs: { scope: 'row' }, text: a.question, title: a.text }),
    el('td', { class: a.status === 'answered' ? '' : 'missing', text: answerText(a) }),
    paired ? el('td', { class: a.humanCode === null ? 'missing' : '', text: a.humanCode === null ? 'no answer' : answerText({ status: 'answered', code: a.humanCode, label: a.humanLabel }) }) : null,
    paired ? el('td', { class: 'num', text: a.code !== null && a.humanCode !== null ? String(Math.abs(a.code - a.humanCode)) : '–' }) : null));
  return [
    el('div', { class: 'toolbar' }, el('h3', { text: r.id }), action),
    el('p', { class: 'note', text: [`backstory ${r.backstoryId}`, paired ? `matched to respondent ${r.human!}` : 'not matched to a respondent', paired ? `MAD ${fmt(r.mad, 2)} over ${r.paired} question(s)` : ''].filter(Boolean).join(' · ') }),
    demo ? el('p', { class: 'note', text: demo }) : null,
    d.source === 'text' && d.text !== null ? el('details', {}, el('summary', { text: 'Persona text used by the run' }), el('pre', { class: 'persona-text', text: d.text })) : null,
    d.source === 'none' ? el('p', { class: 'note', text: 'The persona text of this run could not be found (its persona spec or backstories file moved).' }) : null,
    el('table', { class: 'small answers' },
      el('thead', {}, el('tr', {}, el('th', { text: 'question' }), el('th', { text: 'persona' }), paired ? el('th', { text: 'human' }) : null, paired ? el('th', { class: 'num', text: '|Δ|' }) : null)),
      el('tbody', {}, ...rows)),
  ];
}
