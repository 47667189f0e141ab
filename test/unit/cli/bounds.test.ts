// `persona-studio bounds` on copies of bfi, beps and ces11 it has never seen (columns reordered, other columns dropped).
// Expected values: test/fixtures/data/*/expected.json → split_half (mean and sd over the 100 SHA-256 splits of
// data/README.md §3.4), computed by numpy/scipy and R. Tolerance 1e-9.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, loadReference } from '../stats/referenceData';
import { writeSubset } from './compare.test';
import { runCliCaptured } from './runCli.test';

interface BoundsJson {
  n_splits: number;
  half_size: number;
  mean: { wd_mean: number; frobenius: number; frobenius_upper: number; alpha_abs_diff: Record<string, number> };
  sd: { wd_mean: number; frobenius: number; frobenius_upper: number; alpha_abs_diff: Record<string, number> };
}

describe('cli: bounds', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'ps-bounds-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['bfi', 'beps', 'ces11']) {
    it(`reproduces the split-half mean and sd of ${name} (sha256 rule, 100 splits)`, async () => {
      const { expected, table } = loadReference(name);
      const file = path.join(dir, `${name}.csv`);
      const columns = [...(expected.weight_column ? [expected.weight_column] : []), ...[...expected.items].reverse()];
      writeSubset(file, table, columns, Int32Array.from({ length: table.rows }, (_, r) => r));
      // reverse-keyed items marked per scale ('-A1'), since bfi's all25_raw uses the same items unrecoded
      const scaleArgs = expected.alpha_sets.flatMap((s) => ['--scale', `${s.name}=${s.items.map((i) => (s.reverse.includes(i) ? `-${i}` : i)).join(',')}`]);
      const reverse: string[] = [];
      const base = ['bounds', file, '--items', expected.items.join(','), ...scaleArgs, ...(reverse.length ? ['--reverse', reverse.join(',')] : []), '--splits', '100', '--split-rule', 'sha256', '--json'];
      const sh = expected.split_half;
      const r = await runCliCaptured(base);
      assert.equal(r.code, 0, r.err);
      const got = JSON.parse(r.out) as BoundsJson;
      assert.equal(got.n_splits, sh.n_splits);
      assert.equal(got.half_size, sh.half_size);
      close(got.mean.wd_mean, sh.mean.wd_mean, 'mean wd_mean');
      close(got.mean.frobenius, sh.mean.frobenius, 'mean frobenius');
      close(got.mean.frobenius_upper, sh.mean.frobenius_upper, 'mean frobenius_upper');
      for (const [s, v] of Object.entries(sh.mean.alpha_abs_diff)) close(got.mean.alpha_abs_diff[s]!, v, `mean |Δalpha| ${s}`);
      close(got.sd.wd_mean, sh.sd_over_splits_ddof1.wd_mean, 'sd wd_mean');
      close(got.sd.frobenius, sh.sd_over_splits_ddof1.frobenius, 'sd frobenius');
      if (expected.weight_column) {
        const w = await runCliCaptured([...base, '--weight', expected.weight_column]);
        assert.equal(w.code, 0, w.err);
        const gw = JSON.parse(w.out) as BoundsJson;
        close(gw.mean.wd_mean, sh.mean.wd_mean_weighted!, 'mean wd_mean_weighted');
        close(gw.mean.frobenius, sh.mean.frobenius_weighted!, 'mean frobenius_weighted');
        close(gw.mean.frobenius_upper, sh.mean.frobenius_weighted! / Math.SQRT2, 'mean frobenius_upper_weighted = frobenius_weighted/√2');
      }
    });
  }

  it('the seeded rule is reproducible and lands within 4·sd/√100 of the sha256 bound (data/README.md §3.4)', async () => {
    const { expected, table } = loadReference('bfi');
    const file = path.join(dir, 'bfi-seeded.csv');
    writeSubset(file, table, expected.items, Int32Array.from({ length: table.rows }, (_, r) => r));
    const args = ['bounds', file, '--items', expected.items.join(','), '--split-rule', 'seeded', '--seed', '7', '--json'];
    const r1 = await runCliCaptured(args);
    const r2 = await runCliCaptured(args);
    assert.equal(r1.code, 0, r1.err);
    assert.equal(r1.out, r2.out, 'same seed, same output');
    const got = JSON.parse(r1.out) as BoundsJson;
    const sh = expected.split_half;
    assert.ok(Math.abs(got.mean.wd_mean - sh.mean.wd_mean) < (4 * sh.sd_over_splits_ddof1.wd_mean) / 10, `wd_mean ${got.mean.wd_mean}`);
    assert.ok(Math.abs(got.mean.frobenius - sh.mean.frobenius) < (4 * sh.sd_over_splits_ddof1.frobenius) / 10, `frobenius ${got.mean.frobenius}`);
  });

  it('rejects a bad --split-rule and --splits with exit code 2', async () => {
    const { expected, table } = loadReference('beps');
    const file = path.join(dir, 'beps-small.csv');
    writeSubset(file, table, expected.items, Int32Array.from({ length: 20 }, (_, r) => r));
    const bad1 = await runCliCaptured(['bounds', file, '--items', 'blair,hague', '--split-rule', 'coin']);
    assert.equal(bad1.code, 2);
    assert.match(bad1.err, /--split-rule: "coin"/);
    const bad2 = await runCliCaptured(['bounds', file, '--items', 'blair,hague', '--splits', '0']);
    assert.equal(bad2.code, 2);
    assert.match(bad2.err, /--splits: "0"/);
  });
});
