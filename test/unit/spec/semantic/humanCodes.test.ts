import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkHumanCodes } from '../../../../src/core/spec/semantic/humanCodes';
import { humanDataOf, humanDataStats } from '../../../../src/core/spec/semantic/humanData';
import { contextFor, expectDiagnostics, MemoryFiles, SURVEY } from './helpers';

const csv = 'id,A1,A2,K\n1,1,4,0\n2,2,,3\n3,9,99,1\n4,9,2,2\n5,x,1,3\n';

describe('semantic: human-data codes', () => {
  it('warns about values outside the declared codes, with the values and row counts', () => {
    const files = new MemoryFiles({ '/ws/surveys/h.csv': csv });
    const ds = expectDiagnostics(checkHumanCodes, `human: { data: h.csv }
questions:
  - { id: A1, text: a, options: [x, y], codes: ⟦[1, 2]⟧ }
  - { id: A2, text: b, options: ⟦[w, x, y, z]⟧ }
  - { id: K, text: c, options: [w, x, y, z], codes: [0, 1, 2, 3] }
`, ['semantic/code-not-declared', 'semantic/code-not-declared'], { files });
    assert.equal(ds[0]!.severity, 'warning');
    assert.match(ds[0]!.message, /2 values that are not among the declared codes \[1, 2\] in 3 rows: "9" \(2 rows\) and "x" \(1 row\)/);
    assert.match(ds[1]!.message, /"99" \(1 row\)/);
    assert.match(ds[1]!.message, /human\.missing/);
  });

  it('accepts data whose values are codes or declared missing values', () => {
    const files = new MemoryFiles({ '/ws/surveys/h.csv': csv });
    expectDiagnostics(checkHumanCodes, `human: { data: h.csv, missing: ["", 99, "x", "9"] }
questions:
  - { id: A1, text: a, options: [x, y] }
  - { id: A2, text: b, options: [w, x, y, z] }
  - { id: K, text: c, options: [w, x, y, z], codes: [0, 1, 2, 3] }
`, [], { files });
  });

  it('reads a CSV once while its mtime and size stay the same, and again after it changes', () => {
    const files = new MemoryFiles({ '/ws/surveys/cache.csv': csv });
    const text = 'human: { data: cache.csv }\nquestions:\n  - { id: K, text: c, options: [w, x, y, z], codes: [0, 1, 2, 3] }\n';
    const before = humanDataStats.parses;
    for (let i = 0; i < 5; i++) assert.deepEqual(checkHumanCodes(contextFor(text, SURVEY, files)), []);
    assert.equal(humanDataStats.parses - before, 1);
    files.write('/ws/surveys/cache.csv', csv.replace('0\n', '7\n'));
    assert.equal(checkHumanCodes(contextFor(text, SURVEY, files)).length, 1);
    assert.equal(humanDataStats.parses - before, 2);
  });

  it('reads codes exactly as compare and analysis will: 0x10 is not 16, " 3 " is 3, 1e1 is 10 (one table reader)', () => {
    const files = new MemoryFiles({ '/ws/surveys/hex.csv': 'Q\n0x10\n" 3 "\n1e1\n16\n' });
    const ds = expectDiagnostics(checkHumanCodes, `human: { data: hex.csv }
questions:
  - { id: Q, text: q, options: [a, b, c], codes: ⟦[3, 10, 16]⟧ }
`, ['semantic/code-not-declared'], { files });
    assert.match(ds[0]!.message, /1 value that is not among the declared codes \[3, 10, 16\] in 1 row: "0x10" \(1 row\)/);
  });

  it('reports a ragged row with its line, as compare would (it used to validate and then fail in compare)', () => {
    const files = new MemoryFiles({ '/ws/surveys/rag.csv': 'Q,R\n1,2\n3\n' });
    const ctx = contextFor('human: { data: rag.csv }\nquestions:\n  - { id: Q, text: q, options: [a, b], codes: [1, 3] }\n', SURVEY, files);
    assert.deepEqual(checkHumanCodes(ctx), []);
    const human = humanDataOf(ctx);
    assert.equal(human?.kind, 'unreadable');
    assert.match(human?.kind === 'unreadable' ? human.reason : '', /rag\.csv: line 3 has 1 field, the header has 2/);
  });
});

describe('semantic: human-data codes in an SPSS .sav file', () => {
  // test/fixtures/sav/survey.sav (survey.sps): trust_in_government = 1 5 9 2 3 8 4 sysmis 2 1, with 8 and 9 declared
  // user-missing; party_identification = 1 2 3 99 91 1 2 3 1 95 with 90 THRU 95 and 99 user-missing.
  const sav = new Uint8Array(readFileSync(path.join(__dirname, '../../../fixtures/sav/survey.sav')));

  it('checks the codes as the metrics read them: user-missing values are missing, an undeclared code is named', () => {
    const files = new MemoryFiles({ '/ws/surveys/survey.sav': sav });
    const ds = expectDiagnostics(checkHumanCodes, `human: { data: survey.sav }
questions:
  - { id: trust_in_government, text: t, options: [a, b, c, d], codes: ⟦[1, 2, 3, 4]⟧ }
  - { id: party_identification, text: p, options: [r, d, i], codes: [1, 2, 3] }
`, ['semantic/code-not-declared'], { files });
    assert.match(ds[0]!.message, /1 value that is not among the declared codes \[1, 2, 3, 4\] in 1 row: "5" \(1 row\)/);
  });
});
