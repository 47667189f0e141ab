import assert from 'node:assert/strict';
import { checkHumanColumns } from '../../../../src/core/spec/semantic/humanColumns';
import { expectDiagnostics, MemoryFiles } from './helpers';

const csv = '"id","A1","A2","gender","wt"\n"1",1,2,"1",0.5\n"2",3,,"2",1.5\n';

describe('semantic: human-data columns', () => {
  it('flags id, weight, question and demographic columns that the CSV lacks', () => {
    const files = new MemoryFiles({ '/ws/surveys/h.csv': csv });
    const ds = expectDiagnostics(checkHumanColumns, `human:
  data: h.csv
  id: ⟦ID⟧
  weight: ⟦weight⟧
  demographics:
    gender: { column: gender }
    age: { column: ⟦age⟧ }
questions:
  - { id: A1, text: a, options: [x, y, z] }
  - { id: ⟦A3⟧, text: b, options: [x, y, z] }
  - { id: Q, column: ⟦A22⟧, text: c, options: [x, y, z] }
`, ['semantic/missing-column', 'semantic/missing-column', 'semantic/missing-column', 'semantic/missing-column', 'semantic/missing-column'], { files });
    assert.match(ds[0]!.message, /Did you mean "id"/);
    assert.match(ds[3]!.message, /add `column: <header name>`/);
    assert.match(ds[4]!.message, /Did you mean "A2"/);
  });

  it('accepts columns that exist, and says nothing when the data file is missing', () => {
    const files = new MemoryFiles({ '/ws/surveys/h.csv': csv });
    expectDiagnostics(checkHumanColumns, `human:
  data: h.csv
  id: id
  weight: wt
  demographics: { gender: { column: gender } }
questions:
  - { id: A1, text: a, options: [x, y, z] }
  - { id: Q2, column: A2, text: b, options: [x, y, z] }
`, [], { files });
    expectDiagnostics(checkHumanColumns, `human: { data: nope.csv, id: zzz }
`, [], { files });
  });
});
