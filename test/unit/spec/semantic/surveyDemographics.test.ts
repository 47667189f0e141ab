import assert from 'node:assert/strict';
import { checkSurveyDemographics } from '../../../../src/core/spec/semantic/surveyDemographics';
import { expectDiagnostics, MemoryFiles } from './helpers';

const persona = `name: p
method: qa
demographics:
  variables:
    gender: { question: What is your gender?, options: [Male, Female, Other] }
    education: { question: Highest degree?, options: [School, Bachelor, Master, Doctorate] }
`;

describe('semantic: survey demographics against the persona spec', () => {
  it('flags unknown matching/subgroup variables and categories the persona does not offer', () => {
    const files = new MemoryFiles({ '/ws/personas/p.persona.yaml': persona });
    const ds = expectDiagnostics(checkSurveyDemographics, `personas: ../personas/p.persona.yaml
human:
  data: h.csv
  demographics:
    gender: { column: g, map: { "1": Male, "2": ⟦Femal⟧, "9": null } }
    education:
      column: e
      map: { "1": School, "2": Graduate, "3": ⟦College⟧ }
      harmonise: { Graduate: [Master, ⟦PhD⟧] }
    region: { column: r }
matching:
  method: greedy
  variables: [gender, ⟦gendr⟧, education, ⟦region⟧]
metrics:
  subgroups: [gender, ⟦province⟧]
`, ['semantic/unknown-category', 'semantic/unknown-category', 'semantic/unknown-category', 'semantic/unknown-demographic', 'semantic/unknown-demographic', 'semantic/unknown-demographic'], { files });
    assert.match(ds[0]!.message, /Did you mean "Female"/);
    assert.match(ds[3]!.message, /Did you mean "gender"/);
    assert.match(ds[4]!.message, /not surveyed by the persona spec/);
  });

  it('accepts categories that are persona options or harmonised, and skips checks with matching none', () => {
    const files = new MemoryFiles({ '/ws/personas/p.persona.yaml': persona });
    expectDiagnostics(checkSurveyDemographics, `personas: ../personas/p.persona.yaml
human:
  data: h.csv
  demographics:
    gender: { column: g, map: { "1": Male, "2": Female } }
    education:
      column: e
      map: { "1": School, "2": Bachelor, "3": Graduate }
      harmonise: { Graduate: [Master, Doctorate] }
    region: { column: r, map: { n: North } }
matching: greedy
metrics: { subgroups: [region] }
`, [], { files });
    expectDiagnostics(checkSurveyDemographics, `personas: ../personas/p.persona.yaml
human: { data: h.csv, demographics: { region: { column: r } } }
matching: { method: none, variables: [anything] }
`, [], { files });
  });
});
