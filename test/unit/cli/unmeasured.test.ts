// "Perfect match when nothing was measured" (issue 7 §6): a metric that could not be computed is null with its reason
// in the JSON and the text, never 0; all-zero weights and overflowing values are exit 2 naming the column; 0x10 is
// not the code 16. Expected values are hand computations, shown beside each case.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliCaptured } from './runCli.test';

interface Json {
  wd: Record<string, number | null>;
  wd_mean: number | null;
  frobenius: number | null;
  frobenius_upper: number | null;
  skipped_pairs: number;
  alpha: { a: Record<string, number | null>; b: Record<string, number | null> };
  reasons: Record<string, string>;
}

describe('cli: compare and bounds never report an unmeasured metric as a number', () => {
  let dir = '';
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'ps-unmeasured-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('constant columns: frobenius is null with the constant column named (was 0)', async () => {
    const a = file('const-a.csv', 'q1,q2\n3,1\n3,2\n3,3\n');
    const b = file('const-b.csv', 'q1,q2\n1,1\n2,2\n3,3\n');
    const r = await runCliCaptured(['compare', a, b, '--items', 'q1,q2', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Json;
    assert.equal(j.frobenius, null);
    assert.equal(j.frobenius_upper, null);
    assert.equal(j.skipped_pairs, 1);
    assert.match(j.reasons['frobenius']!, /q1.*const-a\.csv/);
    // WD is measured: q1 {3,3,3} vs {1,2,3}: (2 + 1 + 0)/3 = 1; q2 identical: 0
    assert.ok(Math.abs(j.wd['q1']! - 1) < 1e-12 && j.wd['q2'] === 0);
    const t = await runCliCaptured(['compare', a, b, '--items', 'q1,q2']);
    assert.match(t.out, /frobenius\s+n\/a/);
    assert.match(t.out, /not computed/);
    assert.match(t.out, /q1.*const-a\.csv/);
  });

  it('all-identical data: WD 0 is measured, but correlations and alpha are null with reasons', async () => {
    const a = file('same.csv', 'q1,q2,q3\n2,2,2\n2,2,2\n2,2,2\n');
    const r = await runCliCaptured(['compare', a, a, '--items', 'q1,q2,q3', '--scale', 's=q1,q2,q3', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Json;
    assert.equal(j.wd_mean, 0);
    assert.equal(j.frobenius, null);
    assert.equal(j.skipped_pairs, 3);
    assert.equal(j.alpha.a['s'], null);
    assert.match(j.reasons['alpha.a.s']!, /no variance|sum to 0/);
  });

  it('some pairs skipped: the distance over the others, with skipped_pairs and a note', async () => {
    // q3 constant in b: only the pair (q1, q2) counts; its correlation is 1 in both samples, so the distance is 0
    const a = file('part-a.csv', 'q1,q2,q3\n1,1,1\n2,2,2\n3,3,4\n');
    const b = file('part-b.csv', 'q1,q2,q3\n1,2,5\n2,3,5\n3,4,5\n');
    const j = JSON.parse((await runCliCaptured(['compare', a, b, '--items', 'q1,q2,q3', '--json'])).out) as Json;
    assert.equal(j.frobenius, 0);
    assert.equal(j.skipped_pairs, 2);
    assert.match(j.reasons['frobenius']!, /2 of 3 item pairs left out.*q3.*part-b\.csv/);
  });

  it('all-zero weights are exit 2 naming the column and the file', async () => {
    const a = file('w0.csv', 'q1,q2,w\n1,2,0\n2,1,0\n3,3,0\n');
    const b = file('w1.csv', 'q1,q2,w\n1,2,1\n2,1,1\n3,3,1\n');
    for (const args of [['compare', a, b], ['bounds', a]]) {
      const r = await runCliCaptured([...args, '--items', 'q1,q2', '--weight', 'w', '--json']);
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, /w0\.csv.*column "w".*every weight is 0/);
    }
  });

  it('values near 1e308 are exit 2 naming the column (the sums would overflow), not a wrong reason', async () => {
    const a = file('big.csv', 'q1,q2\n1e308,1\n-1e308,2\n1.5e308,3\n');
    const b = file('small.csv', 'q1,q2\n1,1\n2,2\n3,3\n');
    for (const args of [['compare', a, b], ['bounds', a]]) {
      const r = await runCliCaptured([...args, '--items', 'q1,q2', '--json']);
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, /big\.csv.*column "q1".*overflow/);
    }
  });

  it('one-row halves: bounds reports frobenius null with the reason (was 0)', async () => {
    const a = file('two.csv', 'q1,q2\n1,2\n3,5\n');
    const r = await runCliCaptured(['bounds', a, '--items', 'q1,q2', '--splits', '3', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { half_size: number; mean: { frobenius: number | null; wd_mean: number | null }; sd: { frobenius: number | null }; reasons: Record<string, string> };
    assert.equal(j.half_size, 1);
    assert.equal(j.mean.frobenius, null);
    assert.match(j.reasons['mean.frobenius']!, /halves of 1 row/);
    assert.equal(typeof j.mean.wd_mean, 'number');
    const one = await runCliCaptured(['bounds', a, '--items', 'q1,q2', '--splits', '1', '--json']);
    const j1 = JSON.parse(one.out) as { sd: { wd_mean: number | null }; reasons: Record<string, string> };
    assert.equal(j1.sd.wd_mean, null);
    assert.match(j1.reasons['sd.wd_mean']!, /at least 2 splits/);
  });

  it('0x10 is not the code 16: compare stops at the field, naming line and column', async () => {
    const a = file('hex.csv', 'q1,q2\n1,2\n0x10,3\n2,1\n');
    const r = await runCliCaptured(['compare', a, a, '--items', 'q1,q2', '--json']);
    assert.equal(r.code, 2);
    assert.match(r.err, /hex\.csv: line 3, column "q1": "0x10" is not a number/);
  });
});
