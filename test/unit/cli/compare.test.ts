// `persona-studio compare` on CSV files it has never seen: the cross-group subsets of bfi, beps and ces11 written to
// fresh files (columns reordered, ids dropped). Expected values: test/fixtures/data/*/expected.json → cross_group,
// computed by numpy/scipy and R (psych::alpha, cor, cov.wt), data/README.md §3.5. Tolerance 1e-9.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, loadReference, rowsWhere } from '../stats/referenceData';
import type { Table } from '../../../src/core/data/index';
import { runCliCaptured } from './runCli.test';

/** Writes the given rows of `columns` (in that order) as a CSV file. */
export function writeSubset(file: string, table: Table, columns: readonly string[], rows: ArrayLike<number>): void {
  const text = columns.map((c) => table.text.get(c)!);
  const lines = [columns.map((c) => `"${c}"`).join(',')];
  for (let t = 0; t < rows.length; t++) lines.push(text.map((col) => col[rows[t]!]!).join(','));
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

interface CompareJson {
  wd: Record<string, number>;
  wd_mean: number;
  frobenius: number;
  frobenius_upper: number;
  alpha: { a: Record<string, number>; b: Record<string, number> };
}

describe('cli: compare', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'ps-compare-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['bfi', 'beps', 'ces11']) {
    it(`reproduces every cross-group value of ${name} from fresh CSV files`, async () => {
      const { expected, table } = loadReference(name);
      // reverse-keyed items marked per scale ('-A1'), since bfi's all25_raw uses the same items unrecoded
      const scaleArgs = expected.alpha_sets.flatMap((s) => ['--scale', `${s.name}=${s.items.map((i) => (s.reverse.includes(i) ? `-${i}` : i)).join(',')}`]);
      const reverse: string[] = [];
      // reversed column order and an extra text column: nothing depends on the fixture's layout
      const columns = [...[...expected.items].reverse(), ...(expected.weight_column ? [expected.weight_column] : []), 'gender'];
      for (const cg of expected.cross_group) {
        const a = path.join(dir, `${name}-${cg.name}-a.csv`);
        const b = path.join(dir, `${name}-${cg.name}-b.csv`);
        writeSubset(a, table, columns, rowsWhere(table, cg.a.column, cg.a.equals));
        writeSubset(b, table, columns, rowsWhere(table, cg.b.column, cg.b.equals));
        const base = ['compare', a, b, '--items', expected.items.join(','), ...scaleArgs, ...(reverse.length ? ['--reverse', reverse.join(',')] : []), '--json'];
        const variants = [{ args: base, suffix: '' }];
        if (expected.weight_column) variants.push({ args: [...base, '--weight', expected.weight_column], suffix: '_weighted' });
        for (const v of variants) {
          const r = await runCliCaptured(v.args);
          assert.equal(r.code, 0, r.err);
          const got = JSON.parse(r.out) as CompareJson;
          const m = cg.metrics as Record<string, unknown>;
          const wdWant = m[`wd_per_item${v.suffix}`] as Record<string, number>;
          assert.deepEqual(Object.keys(got.wd), expected.items, 'wd keys in --items order');
          for (const item of expected.items) close(got.wd[item]!, wdWant[item]!, `${cg.name} wd${v.suffix} ${item}`);
          close(got.wd_mean, m[`wd_mean${v.suffix}`] as number, `${cg.name} wd_mean${v.suffix}`);
          close(got.frobenius, m[`frobenius${v.suffix}`] as number, `${cg.name} frobenius${v.suffix}`);
          close(got.frobenius_upper, m[`frobenius_upper${v.suffix}`] as number, `${cg.name} frobenius_upper${v.suffix}`);
          for (const s of expected.alpha_sets) {
            close(got.alpha.a[s.name]!, cg.metrics.alpha[s.name]!.a, `${cg.name} alpha a ${s.name} (always unweighted)`);
            close(got.alpha.b[s.name]!, cg.metrics.alpha[s.name]!.b, `${cg.name} alpha b ${s.name} (always unweighted)`);
          }
        }
      }
    });
  }

  it('prints a readable table without --json', async () => {
    const { table } = loadReference('beps');
    const a = path.join(dir, 'table-a.csv');
    writeSubset(a, table, ['blair', 'hague', 'kennedy'], Int32Array.from({ length: 40 }, (_, i) => i));
    const r = await runCliCaptured(['compare', a, a, '--items', 'blair,hague,kennedy', '--scale', 'leaders=blair,hague,kennedy']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /wd_mean\s+0\.000000/);
    assert.match(r.out, /leaders\s+-?\d\.\d{6}/);
  });

  describe('bad input: one line on stderr naming the file, row or column, exit code 2', () => {
    const cases: { name: string; files: Record<string, string>; args: (d: string) => string[]; message: RegExp }[] = [
      { name: 'missing file', files: { 'ok.csv': 'x,y\n1,2\n2,1\n' }, args: (d) => ['compare', `${d}/ok.csv`, `${d}/absent.csv`, '--items', 'x'], message: /absent\.csv: cannot read the file/ },
      { name: 'unknown column', files: { 'ok.csv': 'x,y\n1,2\n2,1\n' }, args: (d) => ['compare', `${d}/ok.csv`, `${d}/ok.csv`, '--items', 'x,nope'], message: /ok\.csv: no column "nope"/ },
      { name: 'non-numeric code', files: { 'ok.csv': 'x,y\n1,2\n2,1\n', 'bad.csv': 'x,y\n1,2\n2,"two"\n' }, args: (d) => ['compare', `${d}/ok.csv`, `${d}/bad.csv`, '--items', 'x,y'], message: /bad\.csv: line 3, column "y": "two" is not a number/ },
      { name: 'fewer than 2 rows', files: { 'ok.csv': 'x,y\n1,2\n2,1\n', 'one.csv': 'x,y\n1,2\n' }, args: (d) => ['compare', `${d}/ok.csv`, `${d}/one.csv`, '--items', 'x,y'], message: /one\.csv: 1 data row, at least 2 needed/ },
      { name: 'weight column in neither file', files: { 'ok.csv': 'x,y\n1,2\n2,1\n' }, args: (d) => ['compare', `${d}/ok.csv`, `${d}/ok.csv`, '--items', 'x', '--weight', 'w'], message: /--weight: neither .* has a column "w"/ },
      { name: 'negative weight', files: { 'ok.csv': 'x,w\n1,2\n2,1\n', 'neg.csv': 'x,w\n1,2\n2,-1\n' }, args: (d) => ['compare', `${d}/ok.csv`, `${d}/neg.csv`, '--items', 'x', '--weight', 'w'], message: /neg\.csv: line 3, column "w"/ },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const d = mkdtempSync(path.join(tmpdir(), 'ps-bad-'));
        try {
          for (const [f, text] of Object.entries(c.files)) writeFileSync(path.join(d, f), text);
          const r = await runCliCaptured(c.args(d));
          assert.equal(r.code, 2);
          assert.equal(r.out, '');
          assert.match(r.err, c.message);
          assert.equal(r.err.trim().split('\n').length, 1, 'one line');
        } finally {
          rmSync(d, { recursive: true, force: true });
        }
      });
    }
  });
});

describe('cli: compare --reverse (global reverse keys)', () => {
  it('recodes the listed items in every scale: bfi five-factor alphas of gender 1 vs 2 (expected.json cross_group)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ps-reverse-'));
    try {
      const { expected, table } = loadReference('bfi');
      const keyed = expected.alpha_sets.filter((s) => s.reverse.length > 0 || s.name === 'neuroticism');
      const cg = expected.cross_group[0]!;
      const a = path.join(dir, 'a.csv');
      const b = path.join(dir, 'b.csv');
      writeSubset(a, table, expected.items, rowsWhere(table, cg.a.column, cg.a.equals));
      writeSubset(b, table, expected.items, rowsWhere(table, cg.b.column, cg.b.equals));
      const reverse = keyed.flatMap((s) => s.reverse);
      const args = ['compare', a, b, '--items', 'A1,A2', ...keyed.flatMap((s) => ['--scale', `${s.name}=${s.items.join(',')}`]), '--reverse', reverse.join(','), '--json'];
      const r = await runCliCaptured(args);
      assert.equal(r.code, 0, r.err);
      const got = JSON.parse(r.out) as CompareJson;
      for (const s of keyed) {
        close(got.alpha.a[s.name]!, cg.metrics.alpha[s.name]!.a, `alpha a ${s.name}`);
        close(got.alpha.b[s.name]!, cg.metrics.alpha[s.name]!.b, `alpha b ${s.name}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
