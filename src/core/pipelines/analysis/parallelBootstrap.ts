import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { bootstrapSampler } from '../../stats/bootstrapSampler';
import type { CompareSamplesOptions } from '../../stats/compareSamples';
import type { MetricSummary } from '../../stats/metricSummary';
import { randomStream, type RandomState } from '../../stats/randomStream';
import type { ItemMatrix } from '../../stats/types';

/** What a bootstrap worker prepares once (sent as its workerData). */
export interface BootstrapTask {
  readonly a: ItemMatrix;
  readonly b: ItemMatrix;
  readonly options: CompareSamplesOptions;
}

/** Replicates `first … first + count − 1`, drawn from the stream resumed at `state`. */
export interface BootstrapChunk {
  readonly chunk: number;
  readonly state: RandomState;
  readonly count: number;
}

/** A worker's answer to one {@link BootstrapChunk}. */
export type BootstrapChunkResult = { readonly chunk: number; readonly summaries: MetricSummary[] } | { readonly chunk: number; readonly error: string };

/** Options of {@link parallelBootstrap}. */
export interface ParallelBootstrapOptions extends CompareSamplesOptions {
  readonly replicates: number;
  readonly seed: number;
  /**
   * Threads computing replicates: 1 computes them on this thread. @default the machine's available parallelism (at
   * most 8: each worker holds a copy of both samples and their layouts) when the work is large (replicates × rows ×
   * columns² ≥ 10^10, about half a second), else 1
   */
  readonly threads?: number;
  /** Aborting stops the workers and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Replicates done of the total, about every 100 ms. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The replicates of `bootstrapReplicates(a, b, { replicates, seed })`, in order and bit for bit the same, computed on
 * a pool of worker threads when that pays off. Replicate r always reads the same uniforms of the seeded stream: this
 * thread walks the stream once (cheap: n_A + n_B uniforms per replicate) and saves its position at the start of each
 * chunk of replicates; a worker resumes the stream there (`randomStream(state)`), so the result does not depend on
 * the number of threads or on which worker computes which chunk. Without a worker script beside this module (a host
 * that bundles only its own entry), the replicates are computed on this thread, yielding to the event loop.
 */
export async function parallelBootstrap(a: ItemMatrix, b: ItemMatrix, options: ParallelBootstrapOptions): Promise<MetricSummary[]> {
  const { replicates, seed, signal } = options;
  const task: BootstrapTask = { a, b, options: compareOptions(options) };
  const k = a.nCols;
  const threads = options.threads ?? (replicates * (a.nRows + b.nRows) * k * k >= 1e10 ? Math.min(8, availableParallelism()) : 1);
  const script = threads > 1 ? workerScript() : undefined;
  if (!script) return inThread(task, options);
  signal?.throwIfAborted();
  const draws = a.nRows + b.nRows;
  // chunks small enough to balance a shared machine, large enough that messages cost nothing
  const size = Math.max(1, Math.ceil(replicates / (threads * 8)));
  const chunks: BootstrapChunk[] = [];
  const stream = randomStream(seed);
  for (let first = 0; first < replicates; first += size) {
    const count = Math.min(size, replicates - first);
    chunks.push({ chunk: chunks.length, state: stream.state(), count });
    for (let i = count * draws; i > 0; i--) stream.next();
  }
  const results: MetricSummary[][] = new Array<MetricSummary[]>(chunks.length);
  const workers = Array.from({ length: Math.min(threads, chunks.length) }, () => new Worker(script.code, { eval: true, workerData: task }));
  let done = 0;
  let last = performance.now();
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      onAbort = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const give = (w: Worker): void => {
        if (next < chunks.length) w.postMessage(chunks[next++]!);
      };
      for (const w of workers) {
        w.on('message', (msg: BootstrapChunkResult) => {
          if ('error' in msg) return reject(new Error(`bootstrap worker: ${msg.error}`));
          results[msg.chunk] = msg.summaries;
          done += msg.summaries.length;
          finished++;
          if (options.onProgress && performance.now() - last > 100) {
            options.onProgress(done, replicates);
            last = performance.now();
          }
          if (finished === chunks.length) resolve();
          else give(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (finished < chunks.length) reject(new Error(`bootstrap worker exited with code ${code}`));
        });
        give(w);
      }
    });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}

function compareOptions(o: ParallelBootstrapOptions): CompareSamplesOptions {
  return {
    ...(o.items ? { items: o.items } : {}),
    ...(o.scales ? { scales: o.scales } : {}),
    ...(o.weightsA ? { weightsA: o.weightsA } : {}),
    ...(o.weightsB ? { weightsB: o.weightsB } : {}),
  };
}

async function inThread(task: BootstrapTask, options: ParallelBootstrapOptions): Promise<MetricSummary[]> {
  const sampler = bootstrapSampler(task.a, task.b, task.options);
  const random = randomStream(options.seed).next;
  const out: MetricSummary[] = [];
  let last = performance.now();
  for (let rep = 0; rep < options.replicates; rep++) {
    out.push(sampler.next(random));
    if (performance.now() - last > 100) {
      // yield to the event loop about every 100 ms, so Ctrl-C (the signal) stops a long bootstrap
      await new Promise((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
      options.onProgress?.(out.length, options.replicates);
      last = performance.now();
    }
  }
  return out;
}

/**
 * The code of a worker: load the worker script beside this module, `bootstrapWorker.js` next to a bundle (the build
 * writes one beside `dist/cli.js` and `dist/extension.js`), or the TypeScript source through tsx when running from
 * source (the unit tests).
 */
function workerScript(): { code: string } | undefined {
  const js = path.join(__dirname, 'bootstrapWorker.js');
  if (existsSync(js)) return { code: `require(${JSON.stringify(js)});` };
  const ts = path.join(__dirname, 'bootstrapWorker.ts');
  if (!existsSync(ts)) return undefined;
  try {
    return { code: `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(ts)});` };
  } catch {
    return undefined;
  }
}
