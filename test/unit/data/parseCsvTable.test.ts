// The CSV reader: RFC-4180 parsing with csv-parse, empty fields as missing answers, and one-line errors that name
// the file, the line and the column.
import assert from 'node:assert/strict';
import { DataError, columnIndex, numericColumns, parseCsvTable } from '../../../src/core/data/index';

describe('data: parseCsvTable and numericColumns', () => {
  it('keeps row order, quoted text and empty fields (missing answers → NaN)', () => {
    const t = parseCsvTable('\uFEFF"id","q1","q2","group"\n"a",1,,"x, y"\n"b",2,3,"z"\n', { source: 'a.csv' });
    assert.deepEqual(t.header, ['id', 'q1', 'q2', 'group']);
    assert.equal(t.nRows, 2);
    assert.equal(t.columns[3]![0], 'x, y');
    const m = numericColumns(t, ['q2', 'q1']);
    assert.equal(m.nCols, 2);
    assert.ok(Number.isNaN(m.data[0]!));
    assert.deepEqual(Array.from(m.data.subarray(1)), [3, 1, 2]);
  });
  it('names the file, line and column of a non-numeric code', () => {
    const t = parseCsvTable('q1,q2\n1,2\n3,4\n5,abc\n', { source: 'answers.csv' });
    assert.throws(
      () => numericColumns(t, ['q1', 'q2']),
      (e: unknown) => DataError.is(e, 'notNumeric') && e.line === 4 && e.column === 'q2' && e.message === 'answers.csv: line 4, column "q2": "abc" is not a number',
    );
  });
  it('names the file for an unknown column, too few rows, an empty file and broken CSV', () => {
    const t = parseCsvTable('q1\n1\n', { source: 'f.csv' });
    assert.throws(() => columnIndex(t, 'q9'), (e: unknown) => DataError.is(e, 'unknownColumn') && /^f\.csv: no column "q9"/.test(e.message));
    assert.throws(() => numericColumns(t, ['q1']), (e: unknown) => DataError.is(e, 'tooFewRows') && /^f\.csv: 1 data row/.test(e.message));
    assert.throws(() => parseCsvTable('', { source: 'e.csv' }), (e: unknown) => DataError.is(e, 'emptyFile'));
    assert.throws(() => parseCsvTable('a,b\n1,2\n3\n', { source: 'r.csv' }), (e: unknown) => DataError.is(e, 'parse') && /^r\.csv: line 3/.test(e.message));
    assert.throws(() => parseCsvTable('a,a\n1,2\n', { source: 'd.csv' }), (e: unknown) => DataError.is(e, 'duplicateColumn'));
  });
});
