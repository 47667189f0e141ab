// The bootstrap on worker threads against the same bootstrap on this thread: replicate r always reads the same
// uniforms of the seeded stream, so every thread count gives the same replicates bit for bit (deepEqual, no
// tolerance); aborting stops the workers.
import assert from 'node:assert/strict';
import { parallelBootstrap } from '../../../src/core/pipelines/analysis/parallelBootstrap';
import { bootstrapReplicates } from '../../../src/core/stats/bootstrapReplicates';
import { createRandom } from '../../../src/core/stats/createRandom';
import { randomStream } from '../../../src/core/stats/randomStream';
import type { ItemMatrix } from '../../../src/core/stats/types';

function randomMatrix(n: number, k: number, seed: number, missing: number): ItemMatrix {
  const random = createRandom(seed);
  return { nRows: n, nCols: k, data: Float64Array.from({ length: n * k }, () => (random() < missing ? NaN : 1 + Math.floor(random() * 5))) };
}

describe('analysis: parallelBootstrap', () => {
  const a = randomMatrix(300, 8, 1, 0.05);
  const b = randomMatrix(260, 8, 2, 0.1);
  const scales = [{ name: 's', items: [0, 1, 2, 3], reverse: [1] }];

  it('randomStream resumes a saved position with exactly the numbers that follow (createRandom is its stream)', () => {
    const s = randomStream(42);
    const r = createRandom(42);
    for (let i = 0; i < 1000; i++) assert.equal(s.next(), r());
    const resumed = randomStream(s.state());
    for (let i = 0; i < 1000; i++) assert.equal(resumed.next(), s.next());
  });

  for (const threads of [1, 2, 3]) {
    it(`${threads} thread(s) give the replicates of bootstrapReplicates bit for bit, unweighted and weighted`, async function () {
      this.timeout(60000);
      const weightsA = Float64Array.from({ length: a.nRows }, (_, r) => 0.5 + (r % 4) / 2);
      for (const options of [{ scales }, { scales, weightsA }]) {
        const want = [...bootstrapReplicates(a, b, { ...options, replicates: 23, seed: 9 })];
        const got = await parallelBootstrap(a, b, { ...options, replicates: 23, seed: 9, threads });
        assert.deepEqual(got, want);
      }
    });
  }

  it('an aborted signal stops the workers and rejects with its reason', async function () {
    this.timeout(60000);
    const controller = new AbortController();
    const pending = parallelBootstrap(a, b, { scales, replicates: 400, seed: 1, threads: 2, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by the test')), 50);
    await assert.rejects(pending, /stopped by the test/);
    const aborted = AbortSignal.abort(new Error('already aborted'));
    await assert.rejects(parallelBootstrap(a, b, { scales, replicates: 10, seed: 1, threads: 2, signal: aborted }), /already aborted/);
  });
});
