import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import type { BatchBackend } from '../../llm/batch/batchBackend';
import { exportBatchFiles, importBatchOutput } from '../../llm/batch/exportBatchFiles';
import { runBatch } from '../../llm/batch/runBatch';
import type { LlmClient } from '../../llm/llmClient';
import type { LlmErrorReason } from '../../llm/llmError';
import type { LlmResponse } from '../../llm/llmResponse';
import type { PlannedRequest } from '../../llm/plannedRequest';
import { runRequests } from '../../llm/runRequests';
import type { RunStore } from '../../runStore/openRunStore';
import { readJournal } from '../../runStore/readJournal';
import { requestKey } from '../../runStore/requestKey';
import { PipelineError } from './pipelineError';

/** How a stage reaches the model: the client, live or batch, and the scheduler's limits. */
export interface LlmAccess {
  /** The endpoint client; batch mode also needs its `/v1/files` + `/v1/batches` methods. */
  readonly client: LlmClient & Partial<BatchBackend>;
  /**
   * `live`: concurrent calls; `batch`: one Batch API job per round of requests; `export`: each round's unanswered
   * requests are written as batch input files for an external runner (vLLM `run-batch`) and the stage stops with
   * `PipelineError('awaiting-import')` until their results are passed in `importFiles`. @default 'live'
   */
  readonly mode?: 'live' | 'batch' | 'export';
  /** Batch runner results (OpenAI or vLLM `run-batch` output files) merged into the journal before sending. */
  readonly importFiles?: readonly string[];
  /** Where `export` mode writes its files. @default `<run folder>/batch-export` */
  readonly exportDir?: string;
  /** Who answers (the endpoint's public base URL): part of every cache key. */
  readonly cacheScope: string;
  /** @default 16 */
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  /**
   * Keep each request's full text in the journal. Off by default: in series mode prompts grow with the history,
   * and the spec, the seeds and `personas.jsonl` regenerate every prompt exactly. @default false
   */
  readonly journalRequests?: boolean;
  /** Batch status polling. @default 30000 */
  readonly pollIntervalMs?: number;
}

/** Request totals of one sender (one run folder), for progress lines and the run record. */
export interface SenderCounts {
  /** Planned requests handed to `send` (each id once). */
  requests: number;
  /** Answered in the journal already (a resumed run): not sent again. */
  fromJournal: number;
  /** Answered by the endpoint (live or batch) in this session. */
  sent: number;
  /** Answered from the answer cache. */
  cached: number;
  failed: number;
  failedByReason: Partial<Record<LlmErrorReason, number>>;
  promptTokens: number;
  completionTokens: number;
  /** The same token totals per requested model (what a price table is keyed by). */
  tokensByModel: Record<string, { promptTokens: number; completionTokens: number }>;
}

/**
 * The one door from a stage to the model. A stage hands it rounds of planned requests with stable ids; answers
 * already in the run's journal come back at once (never re-sent), the rest go live through the scheduler
 * (`runRequests`) or as a Batch API job (`runBatch`), both journalled and cached. So any stage resumes from the
 * journal just by planning the same ids again.
 */
export class RequestSender {
  readonly counts: SenderCounts = { requests: 0, fromJournal: 0, sent: 0, cached: 0, failed: 0, failedByReason: {}, promptTokens: 0, completionTokens: 0, tokensByModel: {} };

  private constructor(
    private readonly store: RunStore,
    private readonly answers: Map<string, LlmResponse>,
    private readonly access: LlmAccess,
    private readonly signal: AbortSignal | undefined,
    private readonly onRequests: ((counts: Readonly<SenderCounts>) => void) | undefined,
  ) {}

  /** Reads the answers of the store's journal and returns a sender writing to it. */
  static async open(store: RunStore, access: LlmAccess, options: { signal?: AbortSignal; onRequests?: (counts: Readonly<SenderCounts>) => void } = {}): Promise<RequestSender> {
    const answers = new Map<string, LlmResponse>();
    for await (const record of readJournal(store.journalPath)) if (record.t === 'answer') answers.set(record.id, record.response);
    return new RequestSender(store, answers, access, options.signal, options.onRequests);
  }

  /** Ids with an answer in the journal (including this session's). */
  get answered(): ReadonlySet<string> {
    return new Set(this.answers.keys());
  }

  /** The journalled answer of `id`, if any (no request is made). */
  answerOf(id: string): LlmResponse | undefined {
    return this.answers.get(id);
  }

  private tally(response: LlmResponse, model: string): void {
    const prompt = response.usage?.promptTokens ?? 0;
    const completion = response.usage?.completionTokens ?? 0;
    this.counts.promptTokens += prompt;
    this.counts.completionTokens += completion;
    const m = (this.counts.tokensByModel[model] ??= { promptTokens: 0, completionTokens: 0 });
    m.promptTokens += prompt;
    m.completionTokens += completion;
  }

  /**
   * Answers for a round of requests, by id. An id missing from the result failed for good (its failure is in the
   * journal and `counts.failedByReason`). Throws `PipelineError('cancelled')` when the signal aborts.
   */
  async send(plan: readonly PlannedRequest[]): Promise<Map<string, LlmResponse>> {
    const out = new Map<string, LlmResponse>();
    const todo: PlannedRequest[] = [];
    for (const p of plan) {
      const known = this.answers.get(p.id);
      if (known) {
        out.set(p.id, known);
        this.counts.fromJournal++;
        this.tally(known, p.request.model);
      } else todo.push(p);
    }
    this.counts.requests += plan.length;
    if (this.signal?.aborted) throw new PipelineError('cancelled', 'cancelled; run the same command again to resume');
    if (todo.length > 0) {
      const mode = this.access.mode ?? 'live';
      if (mode === 'batch') await this.sendBatch(todo, out);
      else if (mode === 'export') await this.sendExport(todo, out);
      else await this.sendLive(todo, out);
    }
    this.onRequests?.(this.counts);
    return out;
  }

  private keep(planned: PlannedRequest, response: LlmResponse, out: Map<string, LlmResponse>): void {
    this.answers.set(planned.id, response);
    out.set(planned.id, response);
    this.tally(response, planned.request.model);
  }

  private async sendLive(todo: readonly PlannedRequest[], out: Map<string, LlmResponse>): Promise<void> {
    const summary = await runRequests({
      client: this.access.client,
      journal: this.store.journal,
      cache: this.store.cache,
      cacheScope: this.access.cacheScope,
      requests: todo,
      concurrency: this.access.concurrency ?? 16,
      ...(this.access.maxAttempts === undefined ? {} : { maxAttempts: this.access.maxAttempts }),
      ...(this.access.timeoutMs === undefined ? {} : { timeoutMs: this.access.timeoutMs }),
      ...(this.signal ? { signal: this.signal } : {}),
      journalRequests: this.access.journalRequests ?? false,
      progressEveryMs: 250,
      onProgress: () => this.onRequests?.(this.counts),
      onOutcome: (o) => {
        if (o.kind === 'answered') {
          if (o.source === 'cache') this.counts.cached++;
          else this.counts.sent++;
          this.keep(o.planned, o.response, out);
        } else {
          this.counts.failed++;
          this.counts.failedByReason[o.error.reason] = (this.counts.failedByReason[o.error.reason] ?? 0) + 1;
        }
      },
    });
    if (summary.wasCancelled) throw new PipelineError('cancelled', 'cancelled; run the same command again to resume');
  }

  private takeFromCache(todo: readonly PlannedRequest[], out: Map<string, LlmResponse>): PlannedRequest[] {
    const left: PlannedRequest[] = [];
    for (const p of todo) {
      const raw = this.store.cache.getRawSync(requestKey(p.request, p.sampleIndex ?? 0, this.access.cacheScope));
      if (raw === undefined) left.push(p);
      else {
        this.counts.sent++;
        this.keep(p, JSON.parse(raw) as LlmResponse, out);
      }
    }
    return left;
  }

  private async sendExport(todo: readonly PlannedRequest[], out: Map<string, LlmResponse>): Promise<void> {
    for (const file of this.access.importFiles ?? []) {
      const counts = await importBatchOutput(file, todo, { journal: this.store.journal, cache: this.store.cache, cacheScope: this.access.cacheScope, done: this.answered });
      this.counts.failed += counts.failed;
      for (const [reason, n] of Object.entries(counts.failedByReason)) this.counts.failedByReason[reason as LlmErrorReason] = (this.counts.failedByReason[reason as LlmErrorReason] ?? 0) + n;
    }
    const left = this.takeFromCache(todo, out);
    if (left.length === 0) return;
    const dir = this.access.exportDir ?? nodePath.join(this.store.dir, 'batch-export');
    const name = `requests-${createHash('sha256').update(left.map((p) => p.id).join('\n')).digest('hex').slice(0, 12)}`;
    const files = await exportBatchFiles(left, dir, name);
    throw new PipelineError(
      'awaiting-import',
      `${left.length} requests written for a batch runner: ${files.join(', ')}; run them (e.g. vllm run-batch -i <file> -o <results> --model ${left[0]!.request.model}) and run the same command again with --import <results>`,
    );
  }

  private async sendBatch(todo: readonly PlannedRequest[], out: Map<string, LlmResponse>): Promise<void> {
    const c = this.access.client;
    if (!c.uploadBatchFile || !c.createBatch || !c.retrieveBatch || !c.downloadFile || !c.cancelBatch) {
      throw new PipelineError('config', 'this endpoint client has no Batch API; run without --batch');
    }
    const backend: BatchBackend = c as BatchBackend;
    const summary = await runBatch({
      backend,
      requests: todo,
      manifestPath: this.store.manifestPath,
      journal: this.store.journal,
      cache: this.store.cache,
      cacheScope: this.access.cacheScope,
      pollIntervalMs: this.access.pollIntervalMs ?? 30_000,
      ...(this.signal ? { signal: this.signal } : {}),
    });
    this.counts.failed += this.takeFromCache(todo, out).length;
    for (const [reason, n] of Object.entries(summary.failedByReason)) this.counts.failedByReason[reason as LlmErrorReason] = (this.counts.failedByReason[reason as LlmErrorReason] ?? 0) + n;
    if (summary.wasCancelled) throw new PipelineError('cancelled', 'cancelled; run the same command again to resume (submitted batches are picked up)');
  }
}
