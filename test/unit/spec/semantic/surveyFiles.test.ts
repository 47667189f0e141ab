import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSurveyFiles } from '../../../../src/core/spec/semantic/surveyFiles';
import { expectDiagnostics, MemoryFiles } from './helpers';

describe('semantic: survey files', () => {
  it('flags a missing persona spec and missing human data, relative to the survey folder', () => {
    const files = new MemoryFiles({ '/ws/data/bfi.csv': 'id\n1\n' });
    const ds = expectDiagnostics(checkSurveyFiles, `name: s
personas: ⟦../personas/nope.persona.yaml⟧
human:
  data: ⟦data/bfi.csv⟧
questions: []
`, ['semantic/missing-file', 'semantic/missing-file'], { files });
    assert.match(ds[0]!.message, /\/ws\/personas\/nope\.persona\.yaml/);
    assert.match(ds[1]!.message, /\/ws\/surveys\/data\/bfi\.csv/);
  });

  it('flags a personas path that is not a persona spec, a file that is not a .sav, an unknown format and an unparseable CSV', () => {
    const files = new MemoryFiles({ '/ws/p.yaml': 'name: p', '/ws/w34.sav': 'binary', '/ws/w34.xlsx': 'PK', '/ws/bad.csv': 'a,b\n"1,2\n' });
    const ds = expectDiagnostics(checkSurveyFiles, `personas: ⟦../p.yaml⟧
human: { data: ⟦../w34.sav⟧ }
`, ['semantic/wrong-kind', 'semantic/unreadable-data'], { files });
    assert.match(ds[1]!.message, /could not be read as an SPSS system file: w34\.sav: not an SPSS system file/);
    const xlsx = expectDiagnostics(checkSurveyFiles, `human: { data: ⟦../w34.xlsx⟧ }
`, ['semantic/unsupported-format'], { files });
    assert.equal(xlsx[0]!.severity, 'error');
    assert.match(xlsx[0]!.message, /Supported: \.csv, \.tsv, \.txt, \.sav or \.zsav/);
    expectDiagnostics(checkSurveyFiles, `human: { data: ⟦../bad.csv⟧ }
`, ['semantic/unreadable-data'], { files });
  });

  it('reads an SPSS .sav file; a cut one is unreadable, saying where', () => {
    const sav = new Uint8Array(readFileSync(path.join(__dirname, '../../../fixtures/sav/survey.sav')));
    const files = new MemoryFiles({ '/ws/data/survey.sav': sav });
    expectDiagnostics(checkSurveyFiles, `human: { data: ../data/survey.sav }
`, [], { files });
    const cut = new MemoryFiles({ '/ws/data/survey.sav': sav.subarray(0, 3000) });
    const ds = expectDiagnostics(checkSurveyFiles, `human: { data: ⟦../data/survey.sav⟧ }
`, ['semantic/unreadable-data'], { files: cut });
    assert.match(ds[0]!.message, /truncated: the file ends at byte 3000/);
  });

  it('makes any data format it cannot read an error that names the supported ones (it was a warning)', () => {
    const files = new MemoryFiles({ '/ws/d.xlsx': 'zip', '/ws/d': 'x' });
    for (const [written, what] of [['../d.xlsx', '".xlsx" files'], ['../d', 'a file without an extension']] as const) {
      const [d] = expectDiagnostics(checkSurveyFiles, `human: { data: ⟦${written}⟧ }\n`, ['semantic/unsupported-format'], { files });
      assert.equal(d!.severity, 'error');
      assert.ok(d!.message.includes(what), d!.message);
      assert.match(d!.message, /Supported: \.csv, \.tsv, \.txt, \.sav or \.zsav/);
    }
  });

  it('says what human.data or personas is when it is a folder, a named pipe or a device, not "not found"', () => {
    const files = new MemoryFiles({ '/ws/data/inside.csv': 'id\n1\n' });
    files.special('/ws/pipe.csv', 'fifo');
    files.special('/dev/null', 'character-device');
    files.special('/ws/p.persona.yaml', 'fifo');
    const cases = [['../data', 'a folder'], ['../pipe.csv', 'a named pipe (FIFO)'], ['/dev/null', 'a character device']] as const;
    for (const [written, what] of cases) {
      const [d] = expectDiagnostics(checkSurveyFiles, `human: { data: ⟦${written}⟧ }\n`, ['semantic/not-a-file'], { files });
      assert.ok(d!.message.includes(`is ${what}`), d!.message);
      assert.doesNotMatch(d!.message, /not found/);
    }
    const [p] = expectDiagnostics(checkSurveyFiles, 'personas: ⟦../p.persona.yaml⟧\n', ['semantic/not-a-file'], { files });
    assert.match(p!.message, /is a named pipe \(FIFO\)/);
  });

  it('accepts existing files', () => {
    const files = new MemoryFiles({ '/ws/personas/p.persona.yaml': 'name: p', '/ws/data/bfi.csv': 'id\n1\n' });
    expectDiagnostics(checkSurveyFiles, `personas: ../personas/p.persona.yaml
human: { data: ../data/bfi.csv }
`, [], { files });
  });
});
