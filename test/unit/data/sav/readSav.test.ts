// The .sav reader against the reference reader: every fixture in test/fixtures/sav (written by GNU PSPP 1.6.2 and R
// haven 2.5.1, see SOURCE.md) is compared, field by field, with `pspp-convert --recode FILE OUT.csv` (user-missing →
// system-missing, written as " "). Numbers agree to 1e-12 relative (pspp-convert prints 17 significant digits at most).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { numericColumns, parseCsvTable } from '../../../../src/core/data/index';
import { isSavMissing, openSav, readSavTable, type SavDictionary } from '../../../../src/core/data/sav/index';

export const SAV_DIR = path.join(__dirname, '../../../fixtures/sav');
const fixtures = readdirSync(SAV_DIR).filter((f) => /\.z?sav$/.test(f));

function sameNumber(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: got ${got}, pspp-convert ${want}`);
}

describe('data/sav: reading matches pspp-convert', () => {
  it('has the fixtures', () => assert.ok(fixtures.length >= 9, fixtures.join(', ')));
  for (const file of fixtures) {
    it(`${file}: every field equals pspp-convert --recode`, () => {
      const { table, dictionary } = readSavTable(path.join(SAV_DIR, file), file);
      const rows = parse(readFileSync(path.join(SAV_DIR, `${file}.expected.csv`), 'utf8'), { relax_column_count: false }) as string[][];
      assert.deepEqual(table.header, rows[0], 'variable names (long names)');
      assert.equal(table.nRows, rows.length - 1, 'case count');
      if (dictionary.caseCount !== undefined) assert.equal(dictionary.caseCount, table.nRows);
      dictionary.variables.forEach((v, c) => {
        for (let r = 0; r < table.nRows; r++) {
          const want = rows[r + 1]![c]!;
          const got = table.columns[c]![r]!;
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
  const bfiCsv = parseCsvTable(readFileSync(path.join(SAV_DIR, '../data/bfi/data.csv'), 'utf8'), { source: 'bfi.csv' });
  const cesCsv = parseCsvTable(readFileSync(path.join(SAV_DIR, '../data/ces11/data.csv'), 'utf8'), { source: 'ces11.csv' });
  for (const [file, csv] of [['bfi.sav', bfiCsv], ['bfi-haven.sav', bfiCsv], ['ces11.sav', cesCsv]] as const) {
    it(`${file}: every column equals the CSV (user-missing → missing)`, () => {
      const { table } = readSavTable(path.join(SAV_DIR, file), file);
      assert.deepEqual(table.header, csv.header);
      const numeric = csv.header.filter((h) => !['id', 'province', 'gender', 'urban', 'education'].includes(h) || (file.startsWith('bfi') && h !== 'id'));
      const a = numericColumns(table, numeric);
      const b = numericColumns(csv, numeric);
      assert.equal(a.nRows, b.nRows);
      for (let i = 0; i < a.data.length; i++) {
        const x = a.data[i]!;
        const y = b.data[i]!;
        assert.ok(Object.is(x, y) || x === y, `${numeric[Math.floor(i / a.nRows)]} row ${(i % a.nRows) + 1}: ${x} vs ${y}`);
      }
      for (const h of csv.header.filter((x) => !numeric.includes(x))) {
        assert.deepEqual(table.columns[table.header.indexOf(h)], csv.columns[csv.header.indexOf(h)], h);
      }
    });
  }
});
