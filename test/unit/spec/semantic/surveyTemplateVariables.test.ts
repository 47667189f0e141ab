import assert from 'node:assert/strict';
import { checkSurveyTemplateVariables } from '../../../../src/core/spec/semantic/surveyTemplateVariables';
import { expectDiagnostics } from './helpers';

describe('semantic: survey template variables', () => {
  it('flags unknown variables at the exact placeholder, in quoted and block scalars', () => {
    const ds = expectDiagnostics(checkSurveyTemplateVariables, `human:
  data: x.csv
  demographics: { age: { column: age } }
simulation:
  template: "{{backstory}}\\n\\nQuestion: ⟦{{ questoin }}⟧\\n{{options}}\\nAnswer with {{labels}}. {{demographics.age}} ⟦{{demographics.income}}⟧"
  system: |
    You are this person:
    {{backstory}} ⟦{{history}}⟧
  consistency: "Keep ⟦{{id}}⟧ in mind."
questions:
  - id: Q1
    text: a
    options: [x, y]
    template: "⟦{{question.text}}⟧ and ⟦{{ 9lives }}⟧"
`, ['semantic/unknown-variable', 'semantic/unknown-variable', 'semantic/unknown-variable', 'semantic/unknown-variable', 'semantic/unknown-variable', 'semantic/unknown-variable']);
    assert.match(ds[0]!.message, /Did you mean "\{\{question\}\}"/);
    assert.match(ds[1]!.message, /\{\{demographics\.age\}\}/);
    assert.match(ds[2]!.message, /\{\{backstory\}\}, \{\{demographics\}\}/);
    assert.match(ds[3]!.message, /takes no variables/);
    assert.match(ds[5]!.message, /not a valid placeholder/);
  });

  it('accepts every documented variable of each template', () => {
    expectDiagnostics(checkSurveyTemplateVariables, `human:
  data: x.csv
  demographics: { age: { column: age } }
simulation:
  template: "{{backstory}} {{ demographics }} {{demographics.age}} {{history}}{{consistency}} {{question}} {{options}} {{labels}} {{id}}"
  system: "{{backstory}} {{demographics}}"
  consistency: Please answer the following question keeping in mind your previous answers.
questions:
  - { id: Q1, text: a, options: [x, y], template: "{{question}} {{options}}" }
`, []);
  });
});
