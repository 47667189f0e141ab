import assert from 'node:assert/strict';
import { checkPersonaTemplateVariables } from '../../../../src/core/spec/semantic/personaTemplateVariables';
import { expectDiagnostics, PERSONA } from './helpers';

describe('semantic: persona template variables', () => {
  it('flags variables a template does not offer, with method-dependent {{demographics}}', () => {
    const ds = expectDiagnostics(checkPersonaTemplateVariables, `name: p
method: anthology
backstories:
  preamble: { prompt: "Question: Are you ⟦{{citizen}}⟧?" }
  prompt: "⟦{{demographics}}⟧ Tell me about yourself."
demographics:
  template: "{{backstory}} Question: {{question}} {{options}} {{labels}} ⟦{{value}}⟧"
  variables:
    age:
      question: How old are you?
      options: [young, old]
      sentence: "I am ⟦{{age}}⟧."
`, ['semantic/unknown-variable', 'semantic/unknown-variable', 'semantic/unknown-variable', 'semantic/unknown-variable'], { specPath: PERSONA });
    assert.match(ds[1]!.message, /only with `method: demographics-primed`/);
    assert.match(ds[3]!.message, /\{\{value\}\}/);
  });

  it('accepts each template with its own variables', () => {
    expectDiagnostics(checkPersonaTemplateVariables, `name: p
method: demographics-primed
backstories:
  prompt: "{{demographics}}\\n\\n{{demographics.age}} Question: Tell me about yourself.\\n\\nAnswer:"
profile:
  style: qa
  preamble: Below you will be asked to complete some demographic questions.
  item: "Question: {{question}}\\n{{options}}\\nAnswer with {{labels}}.\\nAnswer: {{answer}} {{value}} {{variable}}"
  line: "{{topic}}: {{value}} ({{variable}}, {{question}})"
demographics:
  template: "{{backstory}}\\n\\nQuestion: {{question}}\\n{{options}}\\nAnswer with {{labels}} ({{variable}}).\\nAnswer:"
  variables:
    age: { question: How old are you?, options: [young, old], sentence: "My age is {{value}}." }
generation:
  system: You write personas.
  prompt: "{{meta}} {{template}} {{index}}"
`, [], { specPath: PERSONA });
  });
});
