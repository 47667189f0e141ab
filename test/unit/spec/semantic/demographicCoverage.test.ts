import assert from 'node:assert/strict';
import { checkDemographicCoverage } from '../../../../src/core/spec/semantic/demographicCoverage';
import { expectDiagnostics, MemoryFiles } from './helpers';

const csv = 'id,gender,age,edu\n1,1,15,\n2,2,34,1\n3,3,70,2\n4,1,,3\n';

describe('semantic: demographic map coverage', () => {
  it('warns about values neither mapped nor in a range, at the map/ranges key', () => {
    const files = new MemoryFiles({ '/ws/surveys/h.csv': csv });
    const ds = expectDiagnostics(checkDemographicCoverage, `human:
  data: h.csv
  demographics:
    gender:
      column: gender
      ⟦map⟧: { "1": Male, "2": Female }
    age:
      column: age
      ⟦ranges⟧:
        - { min: 18, max: 64, category: "18-64" }
    edu:
      column: edu
`, ['semantic/demographic-not-mapped', 'semantic/demographic-not-mapped'], { files });
    assert.equal(ds[0]!.severity, 'warning');
    assert.match(ds[0]!.message, /"3" \(1 row\)/);
    assert.match(ds[1]!.message, /2 values not covered by `ranges`, in 2 rows: "15" \(1 row\) and "70" \(1 row\)/);
  });

  it('accepts full coverage (null categories and missing values count as covered)', () => {
    const files = new MemoryFiles({ '/ws/surveys/h.csv': csv });
    expectDiagnostics(checkDemographicCoverage, `human:
  data: h.csv
  demographics:
    gender: { column: gender, map: { "1": Male, "2": Female, "3": null } }
    age:
      column: age
      ranges:
        - { min: 0, max: 17, category: null }
        - { min: 18, max: 120, category: adult }
    edu: { column: edu, map: { "1": a, "2": b }, missing: ["", "3"] }
`, [], { files });
  });
});
