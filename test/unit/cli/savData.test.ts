// `compare` and `bounds` on SPSS .sav files (test/fixtures/sav, written by GNU PSPP and R haven from the CSV fixtures;
// NA written as declared user-missing codes). Expected values: test/fixtures/data/*/expected.json → split_half
// (numpy/scipy and R, data/README.md §3.4), and the same commands on the CSV the file was written from. Tolerance 1e-9.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, fixtureDir, loadReference } from '../stats/referenceData';
import { runCliCaptured } from './runCli.test';

const SAV = path.resolve(__dirname, '../../fixtures/sav');

interface Json {
  [k: string]: unknown;
}

/** Every number in `a` equals the one at the same place in `b` to 1e-9. */
function sameNumbers(a: unknown, b: unknown, where: string): void {
  if (typeof b === 'number') {
    assert.equal(typeof a, 'number', where);
    close(a as number, b, where);
    return;
  }
  if (b && typeof b === 'object') {
    assert.deepEqual(Object.keys(a as Json), Object.keys(b as Json), where);
    for (const k of Object.keys(b as Json)) sameNumbers((a as Json)[k], (b as Json)[k], `${where}.${k}`);
    return;
  }
  assert.deepEqual(a, b, where);
}

async function json(args: readonly string[]): Promise<Json> {
  const r = await runCliCaptured(args);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Json;
}

describe('cli: .sav human data', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'ps-sav-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [file, name, weight] of [['bfi.sav', 'bfi', undefined], ['bfi-haven.sav', 'bfi', undefined], ['ces11.sav', 'ces11', 'weight']] as const) {
    it(`bounds on ${file} reproduce ${name}'s split-half values and equal bounds on its CSV`, async () => {
      const { expected } = loadReference(name);
      const scaleArgs = expected.alpha_sets.flatMap((s) => ['--scale', `${s.name}=${s.items.map((i) => (s.reverse.includes(i) ? `-${i}` : i)).join(',')}`]);
      const args = ['--items', expected.items.join(','), ...scaleArgs, '--splits', '100', '--json', ...(weight ? ['--weight', weight] : [])];
      const fromSav = await json(['bounds', path.join(SAV, file), ...args]);
      const fromCsv = await json(['bounds', path.join(fixtureDir(name), 'data.csv'), ...args]);
      sameNumbers(fromSav, fromCsv, `${file} vs CSV`);
      const sh = expected.split_half;
      const mean = fromSav.mean as { wd_mean: number; frobenius: number };
      close(mean.wd_mean, weight ? sh.mean.wd_mean_weighted! : sh.mean.wd_mean, 'mean wd_mean');
      close(mean.frobenius, weight ? sh.mean.frobenius_weighted! : sh.mean.frobenius, 'mean frobenius');
    });
  }

  it('compare of two .sav files (PSPP and haven, user-missing → missing) equals compare of their pspp-convert CSVs', async () => {
    // both files hold trust_in_government, income_bracket with user-missing codes; pspp-convert --recode wrote those as blanks
    const items = ['--items', 'trust_in_government,income_bracket', '--json'];
    const fromSav = await json(['compare', path.join(SAV, 'survey.sav'), path.join(SAV, 'survey-haven.sav'), ...items]);
    const fromCsv = await json(['compare', path.join(SAV, 'survey.sav.expected.csv'), path.join(SAV, 'survey-haven.sav.expected.csv'), ...items]);
    sameNumbers(fromSav, fromCsv, 'compare');
    // hand check of one value: survey.sav trust_in_government without 8, 9 and sysmis = {1,5,2,3,4,2,1} (n 7);
    // survey-haven.sav = {1,2,3,4,5,1,2,3,4} (n 9; 8, 9 user-missing, one NA). CDFs at 1..4: a 2/7 4/7 5/7 6/7,
    // b 2/9 4/9 6/9 8/9; W1 = Σ|F_a − F_b| × 1 = 4/63 + 8/63 + 3/63 + 2/63 = 17/63.
    close((fromSav.wd as Record<string, number>).trust_in_government!, 17 / 63, 'hand-computed WD');
  });

  it('compare weighted by a .sav weight column equals the CSV', async () => {
    const args = ['--items', 'abortion_ban,religion_importance', '--weight', 'weight', '--json'];
    const a = path.join(dir, 'half.csv');
    // the first 1000 rows of the CSV as the second sample
    const { table } = loadReference('ces11');
    const cols = ['weight', 'abortion_ban', 'religion_importance'];
    const lines = [cols.join(',')];
    for (let r = 0; r < 1000; r++) lines.push(cols.map((c) => String(table.columns.get(c)![r])).join(','));
    writeFileSync(a, `${lines.join('\n')}\n`);
    const fromSav = await json(['compare', path.join(SAV, 'ces11.sav'), a, ...args]);
    const fromCsv = await json(['compare', path.join(fixtureDir('ces11'), 'data.csv'), a, ...args]);
    sameNumbers(fromSav, fromCsv, 'weighted compare');
  });

  it('a truncated .sav is one line naming the file and where, exit 2', async () => {
    const cut = path.join(dir, 'cut.sav');
    writeFileSync(cut, readFileSync(path.join(SAV, 'bfi.sav')).subarray(0, 50_000));
    const r = await runCliCaptured(['bounds', cut, '--items', 'A1,A2', '--splits', '2']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /cut\.sav: truncated: .*(case \d+|byte \d+)/);
    assert.doesNotMatch(r.err, /at .*\.ts:\d+/, 'no stack trace');
  });
});
