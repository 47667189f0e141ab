// A worker thread of parallelBootstrap: prepares the bootstrap of samples A and B once (workerData), then answers
// each { chunk, state, count } with the `count` replicates drawn from the stream resumed at `state`.
import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapSampler } from '../../stats/bootstrapSampler';
import { randomStream } from '../../stats/randomStream';
import type { BootstrapTask, BootstrapChunk, BootstrapChunkResult } from './parallelBootstrap';

const port = parentPort;
if (port) {
  const task = workerData as BootstrapTask;
  let sampler: ReturnType<typeof bootstrapSampler> | undefined;
  port.on('message', (chunk: BootstrapChunk) => {
    let reply: BootstrapChunkResult;
    try {
      sampler ??= bootstrapSampler(task.a, task.b, task.options);
      const random = randomStream(chunk.state).next;
      const summaries = Array.from({ length: chunk.count }, () => sampler!.next(random));
      reply = { chunk: chunk.chunk, summaries };
    } catch (err) {
      reply = { chunk: chunk.chunk, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
}
