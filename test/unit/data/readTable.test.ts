// The one table reader (src/core/data/README.md): RFC 4180 CSV, strict decimal numbers, missing codes, streaming in
// chunks of any size with the same result, and one-line errors naming file, line and column. Expected values are the
// hand-written tables below.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { DataError, classifyField, missingCodes, parseDecimalBytes, parseDecimalText, parseTableText, readTable, tableItemMatrix } from '../../../src/core/data/index';
import { CsvScanner } from '../../../src/core/data/csvScanner';
import { TableBuilder } from '../../../src/core/data/tableBuilder';

const col = (t: { columns: ReadonlyMap<string, Float64Array> }, name: string): number[] => Array.from(t.columns.get(name)!);
const isErr = (reason: string, re: RegExp, line?: number) => (e: unknown): boolean =>
  DataError.is(e) && e.reason === reason && re.test(e.message) && (line === undefined || e.line === line);

describe('data: parseTableText / readTable', () => {
  it('reads quoted text, doubled quotes, embedded line breaks, a BOM and CRLF, keeping file lines per row', () => {
    const text = '\uFEFF"id","q1","note"\r\n"a",1,"x, ""y"""\r\n"b",2,"two\r\nlines"\r\n"c",3,z\r\n';
    const t = parseTableText(text, { source: 'a.csv', columns: ['q1'], text: ['note', 'id'] });
    assert.deepEqual(t.header, ['id', 'q1', 'note']);
    assert.equal(t.rows, 3);
    assert.deepEqual(col(t, 'q1'), [1, 2, 3]);
    assert.deepEqual(t.text.get('note'), ['x, "y"', 'two\r\nlines', 'z']);
    assert.deepEqual(Array.from(t.lines), [2, 3, 5]);
    assert.equal(t.columns.has('id'), false, 'only selected columns are numeric');
  });

  it('trims spaces and tabs (also inside quotes), skips blank lines, and reads a last line without a line break', () => {
    const t = parseTableText(' q1 ,q2\n" 3 ",\t4\t\n\n5,6', { columns: ['q1', 'q2'] });
    assert.deepEqual(col(t, 'q1'), [3, 5]);
    assert.deepEqual(col(t, 'q2'), [4, 6]);
  });

  it('numbers are plain decimals: 1e3 and .5 are, 0x10, 1_000, Infinity and 1,5 are not (0x10 is never 16)', () => {
    const t = parseTableText('q\n1e3\n.5\n5.\n-2.5E-1\n+7\n', { columns: ['q'] });
    assert.deepEqual(col(t, 'q'), [1000, 0.5, 5, -0.25, 7]);
    for (const bad of ['0x10', '1_000', 'Infinity', 'NaN', '0b1', '"1,5"', 'abc', '1e', '--1']) {
      assert.throws(() => parseTableText(`q\n1\n${bad}\n`, { source: 'n.csv', columns: ['q'] }),
        isErr('notNumeric', /^n\.csv: line 3, column "q": ".*" is not a number/, 3), bad);
    }
    assert.throws(() => parseTableText('q\n1e400\n', { source: 'o.csv', columns: ['q'] }), isErr('notNumeric', /beyond the range of a double/, 2));
  });

  it('missing: the empty field always; codes match the trimmed text, numeric codes also numerically', () => {
    const t = parseTableText('q\n1\n\nNA\n-99.0\n" -99 "\n2\n', { columns: ['q'], missing: ['NA', -99] });
    // the blank line 3 is not a row; the empty quoted field would be
    assert.deepEqual(col(t, 'q').map((v) => (Number.isNaN(v) ? 'NaN' : v)), [1, 'NaN', 'NaN', 'NaN', 2]);
    const t2 = parseTableText('q,r\n1,""\n', { columns: ['q', 'r'] });
    assert.ok(Number.isNaN(t2.columns.get('r')![0]!));
    const m = missingCodes(['DK', '98']);
    assert.equal(classifyField(' DK ', m), 'missing');
    assert.equal(classifyField('98.0', m), 'missing');
    assert.equal(classifyField('0x10', m), 'invalid');
    assert.equal(classifyField('16', m), 16);
  });

  it('detects the delimiter from the header line, or takes it as given; .tsv means tab', () => {
    assert.equal(parseTableText('a;b\n1;2\n', { columns: ['b'] }).delimiter, ';');
    assert.equal(parseTableText('"a,x"\tb\n1\t2\n', { columns: ['b'] }).delimiter, '\t');
    assert.deepEqual(col(parseTableText('a|b\n1|2\n', { columns: ['b'], delimiter: '|' }), 'b'), [2]);
    assert.equal(parseTableText('a\n1\n', { columns: ['a'] }, '.tsv').delimiter, '\t');
  });

  it('reports ragged rows, bad quoting, unknown and duplicate columns and empty files with file and line', () => {
    assert.throws(() => parseTableText('a,b\n1,2\n3\n', { source: 'r.csv' }), isErr('raggedRow', /^r\.csv: line 3 has 1 field, the header has 2/, 3));
    assert.throws(() => parseTableText('a,b\n1,2,3\n', { source: 'r.csv' }), isErr('raggedRow', /line 2 has 3 fields/, 2));
    assert.throws(() => parseTableText('a,b\n1,"2\n', { source: 'q.csv' }), isErr('parse', /^q\.csv: line 2: not valid CSV \(a quoted field is never closed\)/));
    assert.throws(() => parseTableText('a,b\n1,x"y\n', { source: 'q.csv' }), isErr('parse', /line 2: .*quote inside the unquoted field 2/));
    assert.throws(() => parseTableText('a,b\n1,"x"y\n', { source: 'q.csv' }), isErr('parse', /line 2: .*text after the closing quote/));
    assert.throws(() => parseTableText('q1\n1\n', { source: 'f.csv', columns: ['q9'] }), isErr('unknownColumn', /^f\.csv: no column "q9" \(columns: q1\)/));
    assert.throws(() => parseTableText('a,a\n1,2\n', { source: 'd.csv' }), isErr('duplicateColumn', /column "a" appears twice/));
    assert.throws(() => parseTableText('', { source: 'e.csv' }), isErr('emptyFile', /^e\.csv: the file is empty/));
    assert.throws(() => parseTableText('\n\n', { source: 'e.csv' }), isErr('emptyFile', /^e\.csv/));
  });

  it('optional columns are read when present; counts keep distinct trimmed values up to maxDistinct', () => {
    const t = parseTableText('q,w\n1,2\n1,3\n2,4\n', { columns: ['q'], optionalColumns: ['w', 'x'], counts: ['q'], maxDistinct: 1 });
    assert.deepEqual(col(t, 'w'), [2, 3, 4]);
    assert.equal(t.columns.has('x'), false);
    assert.deepEqual([...t.counts.get('q')!.counts], [['1', 2]]);
    assert.equal(t.counts.get('q')!.truncated, true);
    assert.deepEqual(Array.from(tableItemMatrix(t, ['w', 'q']).data), [2, 3, 4, 1, 1, 2]);
  });

  it('gives the same table whatever the chunk sizes (streaming boundaries inside quotes, CRLF and the BOM)', () => {
    const text = '\uFEFFid,q1,"q 2"\r\n"a ""x""",1,2\r\nb,,"3"\r\n"c\nd",4.5,1e1\r\n\r\ne,7,8';
    const whole = parseTableText(text, { columns: ['q1', 'q 2'], text: ['id'] });
    const bytes = new TextEncoder().encode(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bytes.length }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((x, y) => x - y);
        const builder = new TableBuilder('<csv>', { columns: ['q1', 'q 2'], text: ['id'] });
        const scanner = new CsvScanner(44, builder, '<csv>');
        let from = 0;
        for (const p of points) {
          scanner.push(bytes.subarray(from, p));
          from = p;
        }
        scanner.push(bytes.subarray(from), true);
        const t = builder.finish(',');
        assert.deepEqual(t.text.get('id'), whole.text.get('id'));
        assert.deepEqual(col(t, 'q1').map(String), col(whole, 'q1').map(String));
        assert.deepEqual(col(t, 'q 2'), col(whole, 'q 2'));
        assert.deepEqual(Array.from(t.lines), Array.from(whole.lines));
      }),
      { numRuns: 300 },
    );
  });

  it('parseDecimalBytes equals Number() on every decimal the grammar accepts, and parseDecimalText agrees', () => {
    const digits = fc.stringMatching(/^\d{1,20}$/);
    const decimal = fc.tuple(fc.constantFrom('', '-', '+'), digits, fc.option(fc.stringMatching(/^\d{0,20}$/)), fc.option(fc.integer({ min: -330, max: 330 })))
      .map(([s, i, f, e]) => `${s}${i}${f !== null ? `.${f}` : ''}${e !== null ? `e${e}` : ''}`);
    fc.assert(
      fc.property(decimal, (s) => {
        const b = new TextEncoder().encode(s);
        const v = parseDecimalBytes(b, 0, b.length);
        assert.ok(Object.is(v, Number(s)), `${s}: ${v} vs ${Number(s)}`);
        assert.ok(Object.is(parseDecimalText(s), Number(s)));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        const b = new TextEncoder().encode(s);
        const v = parseDecimalBytes(b, 0, b.length);
        assert.ok(Object.is(v, parseDecimalText(s)), JSON.stringify(s));
      }),
      { numRuns: 2000 },
    );
  });

  describe('from a file', () => {
    let dir = '';
    before(() => (dir = mkdtempSync(path.join(tmpdir(), 'ps-read-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('streams a file larger than one chunk into the same table as the text reader, with progress', async () => {
      const lines = ['id,q1,q2,w'];
      for (let i = 0; i < 120_000; i++) lines.push(`${i},${1 + (i % 5)},${i % 7 === 0 ? '' : 1 + ((i * 3) % 5)},"${(i % 3) + 0.5}"`);
      const file = path.join(dir, 'big.csv');
      const text = `${lines.join('\n')}\n`;
      writeFileSync(file, text);
      const seen: number[] = [];
      const t = await readTable(file, { columns: ['q1', 'q2'], optionalColumns: ['w'], onProgress: (p) => seen.push(p.bytesRead) });
      const u = parseTableText(text, { columns: ['q1', 'q2', 'w'] });
      assert.equal(t.rows, 120_000);
      for (const name of ['q1', 'q2', 'w']) assert.deepEqual(col(t, name).map(String), col(u, name).map(String));
      assert.ok(seen.length >= 2 && seen.at(-1) === Buffer.byteLength(text));
    });

    it('names a missing file, a folder and an unsupported format; stops on abort', async () => {
      mkdirSync(path.join(dir, 'sub.csv'));
      await assert.rejects(readTable(path.join(dir, 'none.csv'), { source: 'none.csv' }), isErr('unreadable', /^none\.csv: cannot read the file \(no such file\)/));
      await assert.rejects(readTable(path.join(dir, 'sub.csv'), { source: 'sub.csv' }), isErr('unreadable', /^sub\.csv: cannot read the file \(it is a folder\)/));
      await assert.rejects(readTable(path.join(dir, 'x.xlsx')), isErr('unsupportedFormat', /"\.xlsx" is not a supported data format/));
      if (process.platform !== 'win32') {
        // a FIFO is refused at once (opening it would wait for a writer)
        const fifo = path.join(dir, 'pipe.csv');
        assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
        await assert.rejects(readTable(fifo, { source: 'pipe.csv' }), isErr('unreadable', /^pipe\.csv: cannot read the file \(not a regular file\)/));
      }
      const file = path.join(dir, 'small.csv');
      writeFileSync(file, 'a\n1\n');
      const ctl = new AbortController();
      ctl.abort();
      await assert.rejects(readTable(file, { signal: ctl.signal }), (e: unknown) => (e as Error).name === 'AbortError');
    });
  });
});
