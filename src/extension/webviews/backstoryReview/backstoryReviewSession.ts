import * as vscode from 'vscode';
import type { BackstoryRecord } from '../../../core/pipelines/backstories/backstoryRecord';
import { distributionOf, MISSING } from '../../../core/backstories/demographicTable';
import { queryBackstories } from '../../../core/backstories/queryBackstories';
import type { ReviewEntry } from '../../../core/backstories/reviewSidecar';
import {
  BACKSTORY_PROTOCOL, isPageMessage, type BackstoryQueryView, type DetailView, type HostMessage, type PageMessage,
  type ReviewView, type RowView, type VariableView,
} from '../../../protocol/backstoryReview';
import type { BackstoryReviewDocument } from './backstoryReviewDocument';

const PREVIEW_CHARS = 240;

/** One review editor panel: answers its page's requests from the document, page by page. */
export class BackstoryReviewSession implements vscode.Disposable {
  private result: Uint32Array = new Uint32Array(0);
  private seq = -1;
  private ready = false;
  private pendingReveal: string | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly doc: BackstoryReviewDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly onEdit: (id: string, change: { excluded?: boolean; flagged?: boolean; note?: string }) => void,
    private readonly log: (msg: string) => void,
  ) {
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      doc.onDidChangeReview((ids) => void this.post({ type: 'changed', ids })),
      doc.onDidReload(() => {
        if (this.ready) void this.post(this.init()); // the page starts over from the new file
      }),
    );
  }

  /** Selects a backstory in the page (now, or once the page is ready). */
  reveal(id: string): void {
    if (this.ready) void this.post({ type: 'reveal', id });
    else this.pendingReveal = id;
  }

  private async receive(raw: unknown): Promise<void> {
    if (!isPageMessage(raw)) {
      this.log(`backstory review: ignored a malformed message from the page: ${JSON.stringify(raw).slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(raw);
    } catch (err) {
      await this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async handle(m: PageMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        await this.post(this.init());
        this.ready = true;
        if (this.pendingReveal) {
          await this.post({ type: 'reveal', id: this.pendingReveal });
          this.pendingReveal = undefined;
        }
        return;
      case 'query': return this.runQuery(m.seq, m.query);
      case 'rows': {
        if (m.seq !== this.seq) return; // an answer to an old query: the page has moved on
        const rows: RowView[] = [];
        const end = Math.min(this.result.length, m.start + m.count);
        for (let k = m.start; k < end; k++) rows.push(this.row(k, this.result[k] as number));
        return this.post({ type: 'rows', seq: m.seq, start: m.start, rows });
      }
      case 'detail': {
        const i = this.doc.file.byId.get(m.id);
        if (i !== undefined) await this.post({ type: 'detail', detail: this.detail(i) });
        return;
      }
      case 'review':
        this.onEdit(m.id, {
          ...(m.excluded !== undefined ? { excluded: m.excluded } : {}),
          ...(m.flagged !== undefined ? { flagged: m.flagged } : {}),
          ...(m.note !== undefined ? { note: m.note } : {}),
        });
        return;
      case 'openLine': {
        const line = Math.max(0, m.line - 1);
        await vscode.window.showTextDocument(this.doc.uri, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
        return;
      }
    }
  }

  private init(): HostMessage {
    const { file, demographics, labels } = this.doc;
    const variables: VariableView[] = (demographics.table?.columns ?? []).map((c) => {
      const named = labels?.variables[c.name];
      return { name: c.name, options: named?.length === c.options ? [...named] : Array.from({ length: c.options }, (_, k) => String(k + 1)) };
    });
    return {
      type: 'init',
      protocol: BACKSTORY_PROTOCOL,
      fileName: vscode.workspace.asRelativePath(this.doc.uri),
      total: file.records.length,
      problems: file.problems.slice(0, 200),
      problemCount: file.problemCount,
      variables,
      demographicsNote: demographics.note,
      demographicProblems: (demographics.table?.problems ?? []).slice(0, 200),
    };
  }

  private async runQuery(seq: number, query: BackstoryQueryView): Promise<void> {
    this.seq = seq;
    const t0 = performance.now();
    const search = query.text.trim() !== '' ? await this.doc.search() : undefined;
    if (seq !== this.seq) return; // a newer query arrived while the index was built
    const table = this.doc.demographics.table;
    this.result = queryBackstories(this.doc.file, search, table, this.doc.review, query);
    const searchMs = performance.now() - t0;
    let excluded = 0;
    let flagged = 0;
    for (const [id, e] of this.doc.review) {
      if (!this.doc.file.byId.has(id)) continue;
      if (e.excluded) excluded++;
      if (e.flagged) flagged++;
    }
    await this.post({
      type: 'result', seq, total: this.result.length, excluded, flagged, searchMs,
      // Each variable's distribution counts the backstories passing every other filter (its own options
      // stay visible while it filters), as faceted search does.
      distributions: (table?.columns ?? []).map((c) => {
        if (!(query.demographics[c.name]?.length)) return distributionOf(c, this.result);
        const others = { ...query.demographics };
        delete others[c.name];
        return distributionOf(c, queryBackstories(this.doc.file, search, table, this.doc.review, { ...query, demographics: others }));
      }),
    });
  }

  private row(index: number, i: number): RowView {
    const r = this.doc.file.records[i] as BackstoryRecord;
    return {
      index, id: r.id, line: this.doc.file.lines[i] as number,
      preview: r.text.length > PREVIEW_CHARS ? `${r.text.slice(0, PREVIEW_CHARS)}…` : r.text,
      method: String(r.method ?? ''), model: String(r.model ?? ''), review: reviewView(this.doc.review.get(r.id)),
    };
  }

  private detail(i: number): DetailView {
    const r = this.doc.file.records[i] as BackstoryRecord;
    const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
    const generation: Array<[string, string]> = [];
    if (r.model !== undefined) generation.push(['model', show(r.model)]);
    for (const [k, v] of Object.entries(r.params ?? {})) generation.push([k, show(v)]);
    for (const k of ['tokens', 'logprob', 'finishReason', 'seed', 'createdAt'] as const) if (r[k] !== undefined) generation.push([k, show(r[k])]);
    const demographics: Array<[string, string]> = [];
    for (const c of this.doc.demographics.table?.columns ?? []) {
      const code = c.inferred[i] as number;
      const labels = this.doc.labels?.variables[c.name];
      demographics.push([c.name, code === MISSING ? '(not surveyed)' : code === c.options ? 'non-compliant / ambiguous' : (labels?.[code] ?? String(code + 1))]);
    }
    return {
      id: r.id, line: this.doc.file.lines[i] as number, text: r.text, method: String(r.method ?? ''), generation, demographics,
      given: Object.entries(r.given ?? {}).map(([k, v]) => [k, show(v)] as [string, string]),
      preamble: typeof r.preamble === 'string' ? r.preamble : '',
      review: reviewView(this.doc.review.get(r.id)),
    };
  }

  private async post(m: HostMessage): Promise<void> {
    await this.panel.webview.postMessage(m);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

const reviewView = (e: ReviewEntry | undefined): ReviewView => ({ excluded: e?.excluded ?? false, flagged: e?.flagged ?? false, note: e?.note ?? '' });
