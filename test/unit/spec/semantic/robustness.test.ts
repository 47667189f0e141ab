import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { personaChecks, surveyChecks } from '../../../../src/core/spec/semantic';
import { contextFor, MemoryFiles, PERSONA, SURVEY } from './helpers';

const files = new MemoryFiles({
  '/ws/surveys/h.csv': 'id,Q1,g\n1,1,a\n2,,b\n',
  '/ws/personas/test.persona.yaml': 'demographics: { variables: { g: { question: q, options: [a, b] } } }\n',
});

/** Values shaped like the spec in places and like nothing in others. */
const anything = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('h.csv', '../personas/test.persona.yaml', 'Q1', 'g', '{{backstory}} {{nope}}', '{{', 'greedy', 'none'),
);
const surveyKeys = ['name', 'personas', 'questions', 'scales', 'human', 'matching', 'simulation', 'metrics'];
const personaKeys = ['name', 'method', 'backstories', 'demographics', 'profile', 'census', 'generation', 'import'];
const shaped = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys), fc.oneof(anything, fc.dictionary(fc.constantFrom('data', 'id', 'weight', 'demographics', 'template', 'variables', 'items', 'reverse', 'codes', 'options', 'column', 'map', 'ranges', 'prompt', 'output', 'marginals', 'joint', 'file', 'method', 'subgroups'), anything), fc.array(fc.dictionary(fc.constantFrom('id', 'text', 'options', 'codes', 'column', 'template'), anything), { maxLength: 4 })));

describe('semantic checks: robustness', () => {
  it('never throw on values that do not match the schema', () => {
    const odd = [
      'questions: { a: 1 }\nscales: [1, 2]\nhuman: 5\n',
      'human: { data: 5, demographics: [1], missing: 3 }\nmatching: { variables: x }\nmetrics: { subgroups: {} }\n',
      'questions: [null, 1, { id: 3, codes: x, options: 2, template: 7 }]\nscales: { s: { items: x, reverse: [1] } }\n',
      'human: { data: h.csv, demographics: { g: { column: 3, map: [1], ranges: { a: 1 } } } }\nquestions: [{ id: Q1, codes: [a, b] }]\n',
      '',
      '- just\n- a list\n',
    ];
    for (const text of odd) {
      for (const check of surveyChecks) assert.doesNotThrow(() => check(contextFor(text, SURVEY, files)), text);
      for (const check of personaChecks) assert.doesNotThrow(() => check(contextFor(text, PERSONA, files)), text);
    }
  });

  it('never throw on random spec-like documents (property test)', function () {
    this.timeout(20_000);
    fc.assert(
      fc.property(shaped(surveyKeys), shaped(personaKeys), (survey, persona) => {
        const s = contextFor(dump(survey), SURVEY, files);
        for (const check of surveyChecks) for (const d of check(s)) assert.ok(d.range.start.line >= 0 && d.message.length > 0);
        const p = contextFor(dump(persona), PERSONA, files);
        for (const check of personaChecks) for (const d of check(p)) assert.ok(d.range.start.line >= 0 && d.message.length > 0);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
