// The .sav reader against the reference reader: every fixture in test/fixtures/sav (written by GNU PSPP 1.6.2 and R
// haven 2.5.1, see SOURCE.md) is compared, field by field, with `pspp-convert --recode FILE OUT.csv` (user-missing →
// system-missing, written as " "). Numbers agree to 1e-12 relative (pspp-convert prints 17 significant digits at most).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readTable } from '../../../../src/core/data/index';
import { isSavMissing, openSav, savTable, type SavDictionary } from '../../../../src/core/data/sav/index';

export const SAV_DIR = path.join(__dirname, '../../../fixtures/sav');
const fixtures = readdirSync(SAV_DIR).filter((f) => /\.z?sav$/.test(f));

function sameNumber(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: got ${got}, pspp-convert ${want}`);
}

describe('data/sav: reading matches pspp-convert', () => {
  it('has the fixtures', () => assert.ok(fixtures.length >= 9, fixtures.join(', ')));
  for (const file of fixtures) {
    it(`${file}: every field equals pspp-convert --recode`, () => {
      const f = openSav(path.join(SAV_DIR, file), { source: file });
      const dictionary = f.dictionary;
      const table = savTable(f, { text: 'all' });
      const rows = parse(readFileSync(path.join(SAV_DIR, `${file}.expected.csv`), 'utf8'), { relax_column_count: false }) as string[][];
      assert.deepEqual(table.header, rows[0], 'variable names (long names)');
      assert.equal(table.rows, rows.length - 1, 'case count');
      if (dictionary.caseCount !== undefined) assert.equal(dictionary.caseCount, table.rows);
      dictionary.variables.forEach((v, c) => {
        const column = table.text.get(v.name)!;
        for (let r = 0; r < table.rows; r++) {
          const want = rows[r + 1]![c]!;
          const got = column[r]!;
          const where = `${file} case ${r + 1} ${v.name}`;
          if (v.type === 'string') assert.equal(got, want.replace(/ +$/, ''), where);
          else if (want.trim() === '') assert.equal(got, '', `${where}: missing`);
          else sameNumber(Number(got), Number(want), where);
        }
      });
    });
  }
});

describe('data/sav: dictionary', () => {
  const dictOf = (file: string): SavDictionary => {
    const f = openSav(path.join(SAV_DIR, file), { source: file });
    f.close();
    return f.dictionary;
  };

  for (const file of ['survey.sav', 'survey-uncompressed.sav', 'survey.zsav']) {
    it(`${file}: what survey.sps declares`, () => {
      const d = dictOf(file);
      assert.equal(d.compression, file.endsWith('.zsav') ? 'zlib' : file.includes('uncompressed') ? 'none' : 'bytecode');
      assert.equal(d.weight, 'wt_final');
      assert.equal(d.encoding.toLowerCase(), 'utf-8');
      assert.equal(d.fileLabel, 'Persona Studio test survey');
      assert.match(d.documents[0]!, /Persona Studio \.sav reader fixture/);
      assert.equal(d.caseCount, 10);
      assert.deepEqual(d.warnings, []);
      const v = Object.fromEntries(d.variables.map((x) => [x.name, x]));
      assert.deepEqual(Object.keys(v), ['id', 'resp_name', 'trust_in_government', 'income_bracket', 'age', 'sex', 'region', 'occupation_text', 'party_identification', 'score', 'wt_final', 'open_comment']);
      assert.equal(v.trust_in_government!.shortName, 'TRUST_IN');
      assert.equal(v.trust_in_government!.label, 'How much of the time do you think you can trust the government in Washington to do what is right?');
      assert.deepEqual(v.trust_in_government!.valueLabels.map((l) => [l.value, l.label]), [[1, 'Just about always'], [2, 'Most of the time'], [3, 'Only some of the time'], [4, 'Never'], [5, "Don't know"], [8, 'Refused'], [9, 'Not asked']]);
      assert.deepEqual(v.trust_in_government!.missing, { values: [8, 9] });
      assert.deepEqual(v.income_bracket!.missing, { values: [], range: { low: 97, high: 99 } });
      assert.deepEqual(v.age!.missing, { values: [], range: { low: -Infinity, high: 0 } });
      assert.deepEqual(v.party_identification!.missing, { values: [99], range: { low: 90, high: 95 } });
      assert.deepEqual(v.occupation_text!.missing, { values: ['REFUSED'] }, 'long string missing values (record 22)');
      assert.deepEqual(v.occupation_text!.valueLabels, [{ value: 'teacher', label: 'Teacher' }, { value: 'REFUSED', label: 'Refused to answer' }], 'long string value labels (record 21)');
      assert.deepEqual(v.region!.valueLabels.map((l) => l.value).sort(), ['MW', 'NE', 'S', 'W']);
      assert.equal(v.resp_name!.width, 16);
      assert.equal(v.open_comment!.width, 1000, 'very long string (record 14)');
      assert.equal(v.trust_in_government!.measure, 'ordinal');
      assert.equal(v.sex!.measure, 'nominal');
      assert.equal(v.score!.measure, 'scale');
    });
  }

  for (const file of ['survey-haven.sav', 'survey-haven-uncompressed.sav', 'survey-haven.zsav']) {
    it(`${file}: what haven.R declares`, () => {
      const d = dictOf(file);
      const v = Object.fromEntries(d.variables.map((x) => [x.name, x]));
      assert.equal(d.caseCount, 12);
      assert.equal(d.weight, undefined);
      assert.equal(v.respondent_identifier!.shortName.length <= 8, true);
      assert.deepEqual(v.trust_in_government!.missing, { values: [8, 9] });
      assert.deepEqual(v.income_bracket!.missing, { values: [], range: { low: 97, high: 99 } });
      assert.deepEqual(v.region!.missing, { values: ['XX'] });
      assert.equal(v.region!.valueLabels.find((l) => l.value === 'XX')?.label, 'Refused');
      assert.equal(v.open_comment!.width, 495);
      assert.equal(v.city!.label, 'City (non-ASCII text)');
    });
  }

  it('user-missing: discrete, ranges (LO THRU x) and strings', () => {
    const v = Object.fromEntries(dictOf('survey.sav').variables.map((x) => [x.name, x]));
    assert.equal(isSavMissing(v.trust_in_government!, 8), true);
    assert.equal(isSavMissing(v.trust_in_government!, 5), false);
    assert.equal(isSavMissing(v.income_bracket!, 97), true);
    assert.equal(isSavMissing(v.income_bracket!, 98.5), true);
    assert.equal(isSavMissing(v.income_bracket!, 96.999), false);
    assert.equal(isSavMissing(v.age!, -1e300), true);
    assert.equal(isSavMissing(v.age!, 0), true);
    assert.equal(isSavMissing(v.age!, 0.5), false);
    assert.equal(isSavMissing(v.party_identification!, 99), true);
    assert.equal(isSavMissing(v.party_identification!, 96), false);
    assert.equal(isSavMissing(v.occupation_text!, 'REFUSED'), true);
    assert.equal(isSavMissing(v.occupation_text!, 'REFUSED TO SAY'), false);
    assert.equal(isSavMissing(v.score!, NaN), true, 'system-missing');
  });
});

describe('data/sav: the same data as the CSV it was written from', () => {
  const cases = [
    ['bfi.sav', 'bfi', ['id']],
    ['bfi-haven.sav', 'bfi', ['id']],
    ['ces11.sav', 'ces11', ['province', 'gender', 'urban', 'education']],
  ] as const;
  for (const [file, data, strings] of cases) {
    it(`${file}: readTable gives exactly the numbers and text of ${data}/data.csv (user-missing → missing)`, async () => {
      const csvPath = path.join(SAV_DIR, `../data/${data}/data.csv`);
      const header = (await readTable(csvPath, {})).header;
      const numeric = header.filter((h) => !(strings as readonly string[]).includes(h));
      const options = { columns: numeric, text: strings as readonly string[], counts: 'all' as const };
      const csv = await readTable(csvPath, options);
      const sav = await readTable(path.join(SAV_DIR, file), options);
      assert.equal(sav.format, 'sav');
      assert.deepEqual(sav.header, csv.header);
      assert.equal(sav.rows, csv.rows);
      for (const name of numeric) {
        const a = sav.columns.get(name)!;
        const b = csv.columns.get(name)!;
        for (let r = 0; r < csv.rows; r++) assert.ok(Object.is(a[r], b[r]), `${name} row ${r + 1}: ${a[r]} vs ${b[r]}`);
      }
      for (const name of strings) assert.deepEqual(sav.text.get(name), csv.text.get(name), name);
      for (const name of header) assert.deepEqual(new Map([...sav.counts.get(name)!.counts].sort()), new Map([...csv.counts.get(name)!.counts].sort()), `counts of ${name}`);
    });
  }

  it('the spec codes of human.missing apply on top of the file\'s user-missing values', async () => {
    const t = await readTable(path.join(SAV_DIR, 'survey.sav'), { columns: ['trust_in_government', 'party_identification'], missing: [5, 3] });
    // trust_in_government: 1 5 9 2 3 8 4 . 2 1 (8, 9 user-missing; 5, 3 from `missing`)
    assert.deepEqual([...t.columns.get('trust_in_government')!], [1, NaN, NaN, 2, NaN, NaN, 4, NaN, 2, 1]);
    // party_identification: 1 2 3 99 91 1 2 3 1 95 (90–95 and 99 user-missing; 3 from `missing`)
    assert.deepEqual([...t.columns.get('party_identification')!], [1, 2, NaN, NaN, NaN, 1, 2, NaN, 1, NaN]);
  });

  it('a folder, a FIFO and a missing file are unreadable at once (never a blocking open)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ps-sav-'));
    try {
      mkdirSync(path.join(dir, 'folder.sav'));
      await assert.rejects(readTable(path.join(dir, 'folder.sav'), { source: 'folder.sav' }), /^DataError: folder\.sav: cannot read the file \(it is a folder\)/);
      await assert.rejects(readTable(path.join(dir, 'none.sav'), { source: 'none.sav' }), /none\.sav: cannot read the file \(no such file\)/);
      if (process.platform !== 'win32') {
        assert.equal(spawnSync('mkfifo', [path.join(dir, 'pipe.sav')]).status, 0);
        await assert.rejects(readTable(path.join(dir, 'pipe.sav'), { source: 'pipe.sav' }), /pipe\.sav: cannot read the file \(not a regular file\)/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a string variable read as numbers follows the CSV number rule', async () => {
    await assert.rejects(readTable(path.join(SAV_DIR, 'survey.sav'), { columns: ['region'] }), /survey\.sav: case 1, variable "region": "NE" is not a number/);
    await assert.rejects(readTable(path.join(SAV_DIR, 'survey.sav'), { columns: ['nope'] }), /no variable "nope"/);
  });
});
