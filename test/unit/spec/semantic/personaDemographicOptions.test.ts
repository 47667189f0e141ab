import { checkPersonaDemographicOptions } from '../../../../src/core/spec/semantic/personaDemographicOptions';
import { expectDiagnostics, PERSONA } from './helpers';

describe('semantic: persona demographic options and preamble regex', () => {
  it('flags a refused option that is not an option and an invalid accept regex', () => {
    expectDiagnostics(checkPersonaDemographicOptions, `name: p
method: anthology
backstories:
  preamble: { prompt: "Question: Are you a US citizen?", accept: ⟦"(?i)yes("⟧ }
  prompt: x
demographics:
  variables:
    age: { question: How old?, options: [young, old, Prefer not to answer], refused: ⟦Prefer not to say⟧ }
`, ['semantic/invalid-regex', 'semantic/unknown-option'], { specPath: PERSONA });
  });

  it('accepts a refused option from the list and a (?i) regex', () => {
    expectDiagnostics(checkPersonaDemographicOptions, `name: p
method: anthology
backstories:
  preamble: { prompt: "Question: Are you a US citizen?", accept: "(?i)\\\\byes\\\\b" }
  prompt: x
demographics:
  variables:
    age: { question: How old?, options: [young, old, Prefer not to answer], refused: Prefer not to answer }
`, [], { specPath: PERSONA });
  });
});
