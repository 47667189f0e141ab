import assert from 'node:assert/strict';
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

  it('flags a personas path that is not a persona spec, a .sav file (warning) and an unparseable CSV', () => {
    const files = new MemoryFiles({ '/ws/p.yaml': 'name: p', '/ws/w34.sav': 'binary', '/ws/bad.csv': 'a,b\n"1,2\n' });
    const ds = expectDiagnostics(checkSurveyFiles, `personas: ⟦../p.yaml⟧
human: { data: ⟦../w34.sav⟧ }
`, ['semantic/wrong-kind', 'semantic/unsupported-format'], { files });
    assert.equal(ds[1]!.severity, 'warning');
    assert.match(ds[1]!.message, /Convert to CSV/);
    expectDiagnostics(checkSurveyFiles, `human: { data: ⟦../bad.csv⟧ }
`, ['semantic/unreadable-data'], { files });
  });

  it('accepts existing files', () => {
    const files = new MemoryFiles({ '/ws/personas/p.persona.yaml': 'name: p', '/ws/data/bfi.csv': 'id\n1\n' });
    expectDiagnostics(checkSurveyFiles, `personas: ../personas/p.persona.yaml
human: { data: ../data/bfi.csv }
`, [], { files });
  });
});
