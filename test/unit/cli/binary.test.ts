// The real binary: `node scripts/build.mjs`, then `node bin/persona-studio.js compare|bounds` as a child process.
// Expected values: test/fixtures/data/ces11/expected.json (numpy/scipy and R, data/README.md §4). Tolerance 1e-9.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { close, fixtureDir, loadReference } from '../stats/referenceData';

const root = path.resolve(__dirname, '../../..');

describe('cli: the built bin/persona-studio.js', function () {
  this.timeout(120_000);
  before(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, `build failed: ${b.stderr}`);
  });

  it('bounds --json reproduces the ces11 weighted split-half bound', () => {
    const { expected } = loadReference('ces11');
    const data = path.join(fixtureDir('ces11'), 'data.csv');
    const r = spawnSync(process.execPath, ['bin/persona-studio.js', 'bounds', data, '--items', expected.items.join(','), '--weight', 'weight', '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { mean: { wd_mean: number; frobenius: number } };
    close(got.mean.wd_mean, expected.split_half.mean.wd_mean_weighted!, 'bounds weighted wd_mean');
    close(got.mean.frobenius, expected.split_half.mean.frobenius_weighted!, 'bounds weighted frobenius');
  });

  it('compare --json of a file with itself: zero distances and the full-sample alpha', () => {
    const { expected } = loadReference('ces11');
    const data = path.join(fixtureDir('ces11'), 'data.csv');
    const args = ['bin/persona-studio.js', 'compare', data, data, '--items', expected.items.join(','), '--scale', `both_raw=${expected.items.join(',')}`, '--json'];
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { wd_mean: number; frobenius: number; alpha: { a: Record<string, number>; b: Record<string, number> } };
    assert.equal(got.wd_mean, 0);
    assert.equal(got.frobenius, 0);
    close(got.alpha.a['both_raw']!, expected.full_sample.alpha['both_raw']!.raw_alpha, 'alpha a = full-sample raw_alpha');
    close(got.alpha.b['both_raw']!, expected.full_sample.alpha['both_raw']!.raw_alpha, 'alpha b = full-sample raw_alpha');
  });

  it('exits 2 with one line naming the file on a missing input', () => {
    const r = spawnSync(process.execPath, ['bin/persona-studio.js', 'compare', 'no-such-a.csv', 'no-such-b.csv', '--items', 'x'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^persona-studio: no-such-a\.csv: cannot read the file \(no such file\)\n$/);
  });
});
