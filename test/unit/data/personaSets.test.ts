// Persona sets read through a column mapping: the same personas written as JSON Lines, CSV and Parquet (Parquet
// written here with hyparquet-writer, in several row groups) give the same rows; bad input is one line naming the file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { DataError } from '../../../src/core/data/index';
import { readPersonaSet, type PersonaSetMapping, type PersonaSetRow } from '../../../src/core/data/personaSets/index';
import { runCliCaptured } from '../cli/runCli.test';

const PERSONAS = [
  { uuid: 'u1', persona: 'A retired teacher in Ohio who volunteers at the library.', age: 67, sex: 'Female', state: 'OH' },
  { uuid: 'u2', persona: 'A software developer, "always online", in Austin.', age: 29, sex: 'Male', state: 'TX' },
  { uuid: 'u3', persona: '', age: 41, sex: 'Female', state: 'CA' },
  { uuid: 'u4', persona: 'A nurse working night shifts,\nraising two children.', age: 35, sex: 'Female', state: '' },
  { uuid: 'u5', persona: 'A farmer near Fresno.', age: 58, sex: 'Male', state: 'CA' },
];

async function collectRows(file: string, mapping: PersonaSetMapping): Promise<{ rows: PersonaSetRow[]; skipped: number[] }> {
  const rows: PersonaSetRow[] = [];
  const skipped: number[] = [];
  for await (const r of readPersonaSet(file, mapping, { source: path.basename(file), onSkip: (row) => skipped.push(row) })) rows.push(r);
  return { rows, skipped };
}

describe('data: persona sets (JSONL, CSV, Parquet)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ps-personas-'));
    writeFileSync(path.join(dir, 'set.jsonl'), PERSONAS.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(path.join(dir, 'set.csv'), ['uuid,persona,age,sex,state', ...PERSONAS.map((p) => [p.uuid, q(p.persona), p.age, p.sex, p.state].join(','))].join('\r\n') + '\r\n');
    parquetWriteFile({
      filename: path.join(dir, 'set.parquet'),
      columnData: [
        { name: 'uuid', data: PERSONAS.map((p) => p.uuid), type: 'STRING' },
        { name: 'persona', data: PERSONAS.map((p) => p.persona), type: 'STRING' },
        { name: 'age', data: PERSONAS.map((p) => p.age), type: 'INT32' },
        { name: 'sex', data: PERSONAS.map((p) => p.sex), type: 'STRING' },
        { name: 'state', data: PERSONAS.map((p) => p.state), type: 'STRING' },
      ],
      rowGroupSize: 2,
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const mapping: PersonaSetMapping = { text: 'persona', id: 'uuid', demographics: { age: 'age', sex: 'sex', state: 'state' } };
  const want: PersonaSetRow[] = PERSONAS.flatMap((p, row) =>
    p.persona === '' ? [] : [{ row, id: p.uuid, text: p.persona, given: { age: String(p.age), sex: p.sex, ...(p.state ? { state: p.state } : {}) } }],
  );

  for (const file of ['set.jsonl', 'set.csv', 'set.parquet']) {
    it(`${file}: every persona with its id, text and demographics; the empty text skipped`, async () => {
      const { rows, skipped } = await collectRows(path.join(dir, file), mapping);
      assert.deepEqual(rows, want);
      assert.deepEqual(skipped, [2]);
    });
  }

  it('a Parquet file larger than one read slice (16,384 rows) across row groups: every row once, in order', async () => {
    const n = 40_000;
    const file = path.join(dir, 'big.parquet');
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'uuid', data: Array.from({ length: n }, (_, i) => `id${i}`), type: 'STRING' },
        { name: 'persona', data: Array.from({ length: n }, (_, i) => (i % 997 === 0 ? '' : `text ${i}`)), type: 'STRING' },
      ],
      rowGroupSize: 7_000,
    });
    let expectRow = 0;
    let count = 0;
    for await (const r of readPersonaSet(file, { text: 'persona', id: 'uuid' })) {
      while (expectRow % 997 === 0) expectRow++; // the empty texts are skipped
      assert.equal(r.row, expectRow);
      assert.equal(r.id, `id${expectRow}`);
      assert.equal(r.text, `text ${expectRow}`);
      expectRow++;
      count++;
    }
    assert.equal(count, n - Math.ceil(n / 997));
  });

  it('without an id column the id is p + the row number', async () => {
    const { rows } = await collectRows(path.join(dir, 'set.parquet'), { text: 'persona' });
    assert.deepEqual(rows.map((r) => r.id), ['p0000001', 'p0000002', 'p0000004', 'p0000005']);
  });

  it('an unknown column names the available ones; an unknown format and a duplicate id are errors', async () => {
    for (const file of ['set.jsonl', 'set.csv', 'set.parquet']) {
      await assert.rejects(collectRows(path.join(dir, file), { text: 'bio' }), (e: unknown) => DataError.is(e, 'unknownColumn') && /no (column|field) "bio" \((columns|fields): uuid, persona, age, sex, state\)/.test(e.message));
    }
    await assert.rejects(collectRows(path.join(dir, 'set.xlsx'), { text: 'persona' }), (e: unknown) => DataError.is(e, 'unsupportedFormat'));
    // u3 (Female) has no text and is skipped, so the first repeat is u4 on line 5
    await assert.rejects(collectRows(path.join(dir, 'set.csv'), { text: 'persona', id: 'sex' }), /line 5: id "Female" appears twice/);
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"persona":"a"}\n{"persona": oops}\n');
    await assert.rejects(collectRows(path.join(dir, 'bad.jsonl'), { text: 'persona' }), /bad\.jsonl: line 2: not valid JSON/);
  });

  // import.text's default (schemas/persona.schema.json): the whole record as one line of JSON, fields in file order;
  // CSV values are text, JSONL and Parquet numbers stay numbers. Expected strings written out by hand from PERSONAS.
  it('without a text column the text is the whole record as JSON (every column read, the mapped ones checked)', async () => {
    const csv = await collectRows(path.join(dir, 'set.csv'), { id: 'uuid', demographics: { sex: 'sex' } });
    assert.equal(csv.rows.length, 5, 'no row has an empty record');
    assert.equal(csv.rows[0]!.text, '{"uuid":"u1","persona":"A retired teacher in Ohio who volunteers at the library.","age":"67","sex":"Female","state":"OH"}');
    assert.deepEqual(csv.rows[0]!.given, { sex: 'Female' });
    for (const file of ['set.jsonl', 'set.parquet']) {
      const { rows } = await collectRows(path.join(dir, file), { id: 'uuid' });
      assert.equal(rows[1]!.text, '{"uuid":"u2","persona":"A software developer, \\"always online\\", in Austin.","age":29,"sex":"Male","state":"TX"}', file);
      assert.deepEqual(JSON.parse(rows[3]!.text), PERSONAS[3], `${file}: the record parses back to the row`);
    }
    await assert.rejects(collectRows(path.join(dir, 'set.parquet'), { id: 'nope' }), (e: unknown) => DataError.is(e, 'unknownColumn') && /no column "nope"/.test(e.message));
  });

  it('an explicit format reads a file whatever its extension (import.format, --format)', async () => {
    writeFileSync(path.join(dir, 'set-jsonl.txt'), readFileSync(path.join(dir, 'set.jsonl')));
    writeFileSync(path.join(dir, 'set-parquet.bin'), readFileSync(path.join(dir, 'set.parquet')));
    await assert.rejects(collectRows(path.join(dir, 'set-jsonl.txt'), mapping), (e: unknown) => DataError.is(e, 'unsupportedFormat'));
    for (const [file, format] of [['set-jsonl.txt', 'jsonl'], ['set-parquet.bin', 'parquet']] as const) {
      const rows: PersonaSetRow[] = [];
      for await (const r of readPersonaSet(path.join(dir, file), mapping, { format })) rows.push(r);
      assert.deepEqual(rows, want, file);
    }
    // a CSV named as JSONL fails as JSON, naming the line
    await assert.rejects(async () => {
      for await (const _ of readPersonaSet(path.join(dir, 'set.csv'), mapping, { format: 'jsonl' })) void _;
    }, /line 1: not valid JSON/);
    const r = await runCliCaptured(['import-personas', 'set-parquet.bin', '--format', 'parquet', '--id', 'uuid', '--out', 'whole.backstories.jsonl'], dir);
    assert.equal(r.code, 0, r.err);
    const first = JSON.parse(readFileSync(path.join(dir, 'whole.backstories.jsonl'), 'utf8').split('\n')[0]!) as { id: string; text: string };
    assert.deepEqual([first.id, JSON.parse(first.text)], ['u1', PERSONAS[0]]);
    const bad = await runCliCaptured(['import-personas', 'set.csv', '--format', 'xlsx', '--out', 'x.backstories.jsonl'], dir);
    assert.deepEqual([bad.code, bad.err.trim().split('\n').length], [2, 1]);
    assert.match(bad.err, /--format xlsx: expected jsonl, csv or parquet/);
  });

  it('import-personas writes backstory records (method import), never over an existing file', async () => {
    const r = await runCliCaptured(['import-personas', 'set.parquet', '--text', 'persona', '--id', 'uuid', '--demographic', 'age=age', '--out', 'set.backstories.jsonl'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /wrote set\.backstories\.jsonl: 4 personas from set\.parquet; 1 row skipped \(empty text\)/);
    const lines = readFileSync(path.join(dir, 'set.backstories.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 4);
    assert.deepEqual({ ...lines[1], createdAt: 'x' }, { id: 'u2', text: PERSONAS[1]!.persona, method: 'import', params: { source: 'set.parquet', row: 1 }, given: { age: '29' }, createdAt: 'x' });
    const again = await runCliCaptured(['import-personas', 'set.csv', '--text', 'persona', '--out', 'set.backstories.jsonl'], dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists; pass --force/);
    const bad = await runCliCaptured(['import-personas', 'set.csv', '--text', 'nope', '--out', 'x.backstories.jsonl'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /set\.csv: no column "nope"/);
  });
});
