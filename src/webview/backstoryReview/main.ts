// The backstory review page: a virtualised list of the file's backstories (rows are asked of the host page by
// page), a search box, demographic facets with their distributions, and a detail pane with flag / exclude /
// note. Every model-written string is inserted as text. State kept across reloads: the query only.
import './styles.css';
import {
  isHostMessage, MAX_ROWS, type BackstoryQueryView, type DetailView, type DistributionView, type HostMessage,
  type PageMessage, type ReviewFilter, type RowView, type VariableView,
} from '../../protocol/backstoryReview';
import { vscodeApi } from '../shared/vscodeApi';
import { clear, debounce, h } from './dom';

const vscode = vscodeApi();
// Counted for the UI journeys, which require none (the page works under the deny-all CSP as it is).
let cspViolations = 0;
document.body.dataset.cspViolations = '0';
document.addEventListener('securitypolicyviolation', () => {
  document.body.dataset.cspViolations = String(++cspViolations);
});
const ROW_H = 58;
const PAGE = 100;
const OVERSCAN = 10;

const saved = (vscode.getState() ?? {}) as { query?: BackstoryQueryView; selected?: string };
let query: BackstoryQueryView = saved.query ?? { text: '', demographics: {}, review: 'all' };
let selected: string | undefined = saved.selected;
let seq = 0;
let total = 0;
let fileTotal = 0;
let variables: readonly VariableView[] = [];
const rows = new Map<number, RowView>();
const requested = new Set<number>();
let selectedIndex = -1;
let revealWanted: string | undefined;

// ---- layout -------------------------------------------------------------------------------------------------
const title = h('h1', { class: 'title' });
const summary = h('span', { class: 'summary', role: 'status', 'aria-live': 'polite' });
const search = h('input', { type: 'search', class: 'search', placeholder: 'Search backstories (words, "a phrase", an id)', 'aria-label': 'Search backstories' });
search.value = query.text;
const reviewSelect = h('select', { class: 'review-filter', 'aria-label': 'Review state' },
  ...(['all', 'included', 'excluded', 'flagged', 'noted'] as const).map((v) => h('option', { value: v }, { all: 'All', included: 'Not excluded', excluded: 'Excluded', flagged: 'Flagged', noted: 'With a note' }[v])));
reviewSelect.value = query.review;
const clearBtn = h('button', { class: 'secondary', type: 'button' }, 'Clear filters');
const problems = h('div', { class: 'problems' });
const facets = h('aside', { class: 'facets', 'aria-label': 'Inferred demographics' });
const spacer = h('div', { class: 'spacer' });
const list = h('div', { class: 'list', role: 'listbox', tabindex: '0', 'aria-label': 'Backstories' }, spacer);
const detail = h('section', { class: 'detail', 'aria-label': 'Selected backstory' });
const errorBar = h('div', { class: 'error', role: 'alert' });
document.body.append(
  h('header', {}, title, summary),
  h('div', { class: 'toolbar' }, search, reviewSelect, clearBtn),
  errorBar, problems,
  h('main', {}, facets, list, detail),
);

const post = (m: PageMessage): void => vscode.postMessage(m);
const persist = (): void => vscode.setState({ query, selected });

// ---- querying -----------------------------------------------------------------------------------------------
function runQuery(): void {
  seq++;
  rows.clear();
  requested.clear();
  persist();
  // The first search waits for the index, built in the background after the file opened.
  if (query.text.trim() !== '') summary.textContent = 'Searching…';
  post({ type: 'query', seq, query });
}
search.addEventListener('input', debounce(() => { query = { ...query, text: search.value }; runQuery(); }, 150));
reviewSelect.addEventListener('change', () => { query = { ...query, review: reviewSelect.value as ReviewFilter }; runQuery(); });
clearBtn.addEventListener('click', () => {
  query = { text: '', demographics: {}, review: 'all' };
  search.value = '';
  reviewSelect.value = 'all';
  runQuery();
});

// ---- the virtual list ---------------------------------------------------------------------------------------
function render(): void {
  spacer.style.height = `${total * ROW_H}px`;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(total, Math.ceil((list.scrollTop + list.clientHeight) / ROW_H) + OVERSCAN);
  for (let p = Math.floor(first / PAGE) * PAGE; p < last; p += PAGE) {
    if (!rows.has(p) && !requested.has(p)) {
      requested.add(p);
      post({ type: 'rows', seq, start: p, count: Math.min(PAGE, MAX_ROWS) });
    }
  }
  const nodes: HTMLElement[] = [];
  for (let k = first; k < last; k++) nodes.push(rowNode(k, rows.get(k)));
  spacer.replaceChildren(...nodes);
}
list.addEventListener('scroll', () => requestAnimationFrame(render));
new ResizeObserver(() => render()).observe(list);

function rowNode(index: number, r: RowView | undefined): HTMLElement {
  const top = `${index * ROW_H}px`;
  if (!r) {
    const el = h('div', { class: 'row loading', role: 'option', 'aria-selected': 'false' }, '…');
    el.style.top = top;
    return el;
  }
  const badges = h('span', { class: 'badges' },
    r.review.excluded ? h('span', { class: 'badge excluded' }, 'excluded') : undefined,
    r.review.flagged ? h('span', { class: 'badge flagged' }, 'flagged') : undefined,
    r.review.note ? h('span', { class: 'badge noted', title: r.review.note }, 'note') : undefined);
  const el = h('div', {
    class: `row${r.review.excluded ? ' is-excluded' : ''}${r.id === selected ? ' selected' : ''}`,
    role: 'option', 'aria-selected': r.id === selected ? 'true' : 'false', 'data-id': r.id,
  },
  h('div', { class: 'row-head' }, h('span', { class: 'id' }, r.id), badges, h('span', { class: 'meta' }, [r.method, r.model].filter(Boolean).join(' · '))),
  h('div', { class: 'preview' }, r.preview));
  el.style.top = top;
  el.addEventListener('click', () => select(r.id, index));
  return el;
}

function select(id: string, index: number): void {
  selected = id;
  selectedIndex = index;
  persist();
  post({ type: 'detail', id });
  render();
}

list.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = Math.min(total - 1, Math.max(0, selectedIndex + (e.key === 'ArrowDown' ? 1 : -1)));
    const r = rows.get(next);
    if (r) {
      select(r.id, next);
      const y = next * ROW_H;
      if (y < list.scrollTop) list.scrollTop = y;
      else if (y + ROW_H > list.scrollTop + list.clientHeight) list.scrollTop = y + ROW_H - list.clientHeight;
    }
  } else if ((e.key === 'x' || e.key === 'f') && selected) {
    const r = [...rows.values()].find((x) => x.id === selected);
    if (r) post(e.key === 'x' ? { type: 'review', id: r.id, excluded: !r.review.excluded } : { type: 'review', id: r.id, flagged: !r.review.flagged });
  }
});

// ---- facets -------------------------------------------------------------------------------------------------
function renderFacets(dists: readonly DistributionView[]): void {
  clear(facets);
  if (variables.length === 0) return;
  facets.append(h('h2', {}, 'Inferred demographics'));
  for (const v of variables) {
    const d = dists.find((x) => x.name === v.name);
    if (!d) continue;
    const chosen = new Set(query.demographics[v.name] ?? []);
    const box = h('div', { class: 'facet', 'data-variable': v.name }, h('h3', {}, v.name));
    const line = (label: string, code: number, count: number, extra = ''): void => {
      const share = d.total > 0 ? count / d.total : 0;
      const cb = h('input', { type: 'checkbox', 'aria-label': `${v.name}: ${label}` });
      cb.checked = chosen.has(code);
      cb.addEventListener('change', () => toggle(v.name, code, cb.checked));
      const bar = h('span', { class: `bar${extra}` });
      bar.style.width = `${(share * 100).toFixed(1)}%`;
      box.append(h('label', { class: `facet-row${extra}` }, cb, h('span', { class: 'facet-label' }, label),
        h('span', { class: 'facet-count' }, `${count.toLocaleString()} · ${(share * 100).toFixed(1)}%`), h('span', { class: 'bar-track' }, bar)));
    };
    v.options.forEach((label, k) => line(label, k, d.counts[k] ?? 0));
    line('non-compliant / ambiguous', v.options.length, d.nonCompliant, ' nc');
    if (d.missing > 0) line('not surveyed', -1, d.missing, ' missing');
    facets.append(box);
  }
}

function toggle(name: string, code: number, on: boolean): void {
  const codes = new Set(query.demographics[name] ?? []);
  if (on) codes.add(code);
  else codes.delete(code);
  const demographics = { ...query.demographics };
  if (codes.size === 0) delete demographics[name];
  else demographics[name] = [...codes].sort((a, b) => a - b);
  query = { ...query, demographics };
  runQuery();
}

// ---- detail -------------------------------------------------------------------------------------------------
function table(pairs: ReadonlyArray<readonly [string, string]>): HTMLElement {
  return h('table', { class: 'kv' }, ...pairs.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))));
}

function renderDetail(d: DetailView): void {
  clear(detail);
  const exclude = h('button', { type: 'button', class: d.review.excluded ? '' : 'secondary', 'aria-pressed': d.review.excluded ? 'true' : 'false' }, d.review.excluded ? 'Excluded (include again)' : 'Exclude');
  exclude.addEventListener('click', () => post({ type: 'review', id: d.id, excluded: !d.review.excluded }));
  const flag = h('button', { type: 'button', class: d.review.flagged ? '' : 'secondary', 'aria-pressed': d.review.flagged ? 'true' : 'false' }, d.review.flagged ? 'Flagged (unflag)' : 'Flag');
  flag.addEventListener('click', () => post({ type: 'review', id: d.id, flagged: !d.review.flagged }));
  const note = h('textarea', { class: 'note', rows: '2', placeholder: 'Note (why flagged or excluded)', 'aria-label': 'Note' });
  note.value = d.review.note;
  const saveNote = h('button', { type: 'button', class: 'secondary' }, 'Save note');
  saveNote.addEventListener('click', () => post({ type: 'review', id: d.id, note: note.value }));
  const lineLink = h('a', { href: '#', class: 'line-link' }, `line ${d.line}`);
  lineLink.addEventListener('click', (e) => { e.preventDefault(); post({ type: 'openLine', line: d.line }); });
  detail.append(
    h('h2', {}, d.id, ' ', h('span', { class: 'meta' }, d.method, ' · '), lineLink),
    h('div', { class: 'actions' }, exclude, flag),
    h('div', { class: 'note-row' }, note, saveNote),
    h('div', { class: 'text' }, d.text),
    d.preamble ? h('details', {}, h('summary', {}, 'Preamble answer'), h('div', { class: 'text' }, d.preamble)) : '',
    d.demographics.length ? h('h3', {}, 'Inferred demographics') : '',
    d.demographics.length ? table(d.demographics) : '',
    d.given.length ? h('h3', {}, 'Given demographics') : '',
    d.given.length ? table(d.given) : '',
    h('h3', {}, 'Generation'),
    table(d.generation),
  );
}

// ---- problems -----------------------------------------------------------------------------------------------
function renderProblems(m: Extract<HostMessage, { type: 'init' }>): void {
  clear(problems);
  const notes: HTMLElement[] = [];
  if (m.problemCount > 0) {
    const items = m.problems.map((p) => {
      const a = h('a', { href: '#' }, `line ${p.line}`);
      a.addEventListener('click', (e) => { e.preventDefault(); post({ type: 'openLine', line: p.line }); });
      return h('li', {}, a, `: ${p.reason}`);
    });
    notes.push(h('details', { class: 'warning' }, h('summary', {}, `${m.problemCount.toLocaleString()} line(s) of the file skipped (not a backstory record)`), h('ul', {}, ...items)));
  }
  if (m.demographicsNote) notes.push(h('div', { class: 'info' }, m.demographicsNote));
  if (m.demographicProblems.length > 0) {
    notes.push(h('details', { class: 'warning' }, h('summary', {}, `${m.demographicProblems.length} line(s) of the demographics file skipped`),
      h('ul', {}, ...m.demographicProblems.map((p) => h('li', {}, `line ${p.line}: ${p.reason}`)))));
  }
  problems.append(...notes);
}

// ---- messages -----------------------------------------------------------------------------------------------
window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const m = ev.data;
  if (!isHostMessage(m)) return;
  switch (m.type) {
    case 'init':
      title.textContent = m.fileName;
      fileTotal = m.total;
      variables = m.variables;
      renderProblems(m);
      runQuery();
      if (selected) post({ type: 'detail', id: selected });
      return;
    case 'result':
      if (m.seq !== seq) return;
      total = m.total;
      errorBar.textContent = '';
      summary.textContent = `${m.total.toLocaleString()} of ${fileTotal.toLocaleString()} backstories · ${m.excluded.toLocaleString()} excluded · ${m.flagged.toLocaleString()} flagged`;
      summary.dataset.shown = String(m.total);
      renderFacets(m.distributions);
      list.scrollTop = Math.min(list.scrollTop, Math.max(0, total * ROW_H - list.clientHeight));
      render();
      return;
    case 'rows':
      if (m.seq !== seq) return;
      m.rows.forEach((r, k) => rows.set(m.start + k, r));
      if (revealWanted) {
        const hit = m.rows.find((r) => r.id === revealWanted);
        if (hit) { revealWanted = undefined; selectedIndex = hit.index; }
      }
      render();
      return;
    case 'detail':
      if (m.detail.id === selected) renderDetail(m.detail);
      return;
    case 'changed':
      // A review changed (edit, undo, redo, revert): the counts, the rows and the open detail may show it.
      runQuery();
      if (selected && m.ids.includes(selected)) post({ type: 'detail', id: selected });
      return;
    case 'reveal':
      revealWanted = m.id;
      selected = m.id;
      persist();
      post({ type: 'detail', id: m.id });
      render();
      return;
    case 'error':
      errorBar.textContent = m.message;
      return;
  }
});

post({ type: 'ready' });
