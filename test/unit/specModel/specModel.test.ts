import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPersonaSpec, loadSurveySpec, SpecLoadError } from '../../../src/core/spec/loadSpecModel';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import {
  ANTHOLOGY, resolveSurveyEndpoint, resolveSurveyModel, SpecModelError, specHash, toPersonaSpec, toSurveySpec,
} from '../../../src/core/specModel';

const root = path.resolve(__dirname, '../../..');
const example = (p: string): string => path.join(root, 'examples', p);

describe('typed spec model: survey specs', () => {
  it('bfi: questions, codes, scales, human data, demographics and metrics with defaults filled in', () => {
    const { spec } = loadSurveySpec(example('bfi/bfi.survey.yaml'));
    assert.equal(spec.kind, 'survey');
    assert.equal(spec.name, 'Big Five Inventory (bfi)');
    assert.equal(spec.hash, specHash(readFileSync(example('bfi/bfi.survey.yaml'), 'utf8')));
    assert.equal(spec.personas, example('personas/us-adults.persona.yaml'));
    assert.equal(spec.questions.length, 25);
    const a1 = spec.questions[0]!;
    assert.deepEqual([a1.index, a1.id, a1.type, a1.column, a1.codes, a1.options.length], [0, 'A1', 'ordinal', 'A1', [1, 2, 3, 4, 5, 6], 6]);
    assert.equal(typeof a1.line, 'number');
    assert.deepEqual(spec.scales.map((s) => [s.name, s.items.length, s.reverse]), [
      ['A', 5, ['A1']], ['C', 5, ['C4', 'C5']], ['E', 5, ['E1', 'E2']], ['N', 5, []], ['O', 5, ['O2', 'O5']],
    ]);
    assert.equal(spec.human?.data, example('data/bfi.csv'));
    assert.equal(spec.human?.delimiter, ',');
    assert.equal(spec.human?.weight, undefined);
    assert.deepEqual(spec.human?.missing, ['']);
    assert.deepEqual(spec.human?.demographics.map((d) => d.name), ['gender', 'education', 'age']);
    assert.equal(spec.human?.demographics[2]!.ranges?.[0]!.category, null);
    assert.deepEqual(spec.matching, { method: 'greedy', variables: ['age', 'gender', 'education'], append: 'qa', seed: 42 });
    assert.equal(spec.simulation.consistency, ANTHOLOGY.consistency);
    assert.equal(spec.simulation.model?.stop?.join('|'), '\n|Question:');
    assert.equal(spec.simulation.model?.presence_penalty, 0);
    assert.deepEqual(spec.metrics, { bounds: { splits: 100, rule: 'sha256', seed: 0 }, bootstrap: 1000, confidence: 0.95, seed: 0, subgroups: ['gender', 'age'] });
    assert.deepEqual(spec.baselines, ['uniform', 'demographic-cell']);
  });

  it('ces11: weights, nominal questions, logprob elicitation; beps: 0-based codes', () => {
    const ces = loadSurveySpec(example('ces11/ces11.survey.yaml')).spec;
    assert.equal(ces.human?.weight, 'weight');
    assert.equal(ces.questions[0]!.type, 'nominal');
    assert.equal(ces.simulation.mode, 'independent');
    assert.equal(ces.simulation.elicitation.method, 'logprobs');
    assert.equal(ces.simulation.template, ANTHOLOGY.surveyTemplate);
    const beps = loadSurveySpec(example('beps/beps.survey.yaml')).spec;
    assert.deepEqual(beps.questions.find((q) => q.id === 'political_knowledge')?.codes, [0, 1, 2, 3]);
    assert.equal(beps.matching.method, 'max-weight');
  });

  it('fills every default of a minimal spec', () => {
    const text = 'name: t\nquestions:\n  - { id: q1, text: Q?, options: [a, b] }\nmatching: random\n';
    const spec = toSurveySpec({ value: parseSpec(text, 'survey').value, text }, '/w/t.survey.yaml');
    assert.deepEqual(spec.questions[0]!.codes, [1, 2]);
    assert.deepEqual(spec.matching, { method: 'random', append: 'qa', seed: 42 });
    assert.equal(spec.simulation.mode, 'series');
    assert.deepEqual(spec.simulation.order, { questions: 'shuffle', likert: 'reverse-half', nominal: 'shuffle' });
    assert.deepEqual(spec.simulation.elicitation, { method: 'sample', samples: 1, max_reasks: 100 });
    assert.equal(spec.simulation.model, undefined);
    assert.equal(spec.human, undefined);
    assert.deepEqual(spec.scales, []);
    assert.equal(spec.metrics.bootstrap, 1000);
  });

  it('throws SpecModelError("invalid-spec") naming the key for a value that skipped validation', () => {
    assert.throws(() => toSurveySpec({ value: { name: 'x', questions: [{ id: 'q', text: 'Q', options: 'ab' }] }, text: '' }, '/w/x.survey.yaml'),
      (e: unknown) => SpecModelError.is(e, 'invalid-spec') && /questions\[0\]\.options/.test(e.message));
  });

  it('loadSurveySpec refuses a spec with validation errors, naming the first', () => {
    const files = { stat: () => undefined, readText: () => 'name: x\nquestions: []\n' };
    assert.throws(() => loadSurveySpec('/w/x.survey.yaml', files), (e: unknown) => SpecLoadError.is(e, 'invalid') && e.diagnostics.length > 0);
    assert.throws(() => loadSurveySpec('/w/x.persona.yaml', files), (e: unknown) => SpecLoadError.is(e, 'not-a-spec'));
  });
});

describe('typed spec model: persona specs', () => {
  it('us-adults: backstories with the preamble, demographic survey, locator, variables', () => {
    const { spec } = loadPersonaSpec(example('personas/us-adults.persona.yaml'));
    assert.equal(spec.method, 'anthology');
    assert.equal(spec.endpoint, 'default');
    assert.equal(spec.seed, 42);
    assert.equal(spec.model?.max_tokens, 1500);
    const b = spec.backstories!;
    assert.equal(b.count, 1000);
    assert.equal(b.preamble?.accept, '(?i)yes');
    assert.equal(b.preamble?.max_attempts, 20);
    assert.deepEqual(b.stop, ['Question', 'Q:', 'Interview']);
    assert.equal(b.min_tokens, 40);
    assert.equal(b.output, example('personas/us-adults.backstories.jsonl'));
    const d = spec.demographics!;
    assert.equal(d.samples, 40);
    assert.equal(d.model?.max_tokens, 128);
    assert.equal(d.locator?.endpoint, 'openai');
    assert.equal(d.locator?.model?.name, 'gpt-4o');
    assert.deepEqual(d.variables.map((v) => [v.name, v.locate]), [['age', true], ['gender', false], ['education', true], ['race', false], ['income', true], ['party', false]]);
    assert.equal(d.variables[5]!.refused, undefined);
    assert.equal(d.variables[5]!.topic, 'party');
    assert.equal(spec.profile, undefined);
  });

  it('us-adults-qa: the profile of the qa method', () => {
    const { spec } = loadPersonaSpec(example('personas/us-adults-qa.persona.yaml'));
    assert.equal(spec.method, 'qa');
    assert.equal(spec.profile?.style, 'qa');
    assert.equal(spec.profile?.item, ANTHOLOGY.profileItem);
    assert.equal(spec.demographics?.model, undefined);
  });

  it('inherits models as the schema documents: demographic survey, locator, and the survey model', () => {
    const text = [
      'name: p', 'method: anthology', 'endpoint: local', 'model: { name: base, api: completions, max_tokens: 1500, stop: "Q" }',
      'backstories: { prompt: "Question: Tell me.\\n\\nAnswer:" }',
      'demographics: { variables: { age: { question: Age?, options: [a, b], locate: true } } }',
      'profile: { style: bio }',
    ].join('\n');
    const persona = toPersonaSpec({ value: parseSpec(text, 'persona').value, text }, '/w/p.persona.yaml');
    assert.deepEqual([persona.demographics?.model?.name, persona.demographics?.model?.max_tokens, persona.demographics?.model?.stop], ['base', 128, ['\n', 'Question']]);
    assert.deepEqual([persona.demographics?.locator?.endpoint, persona.demographics?.locator?.model?.temperature, persona.demographics?.locator?.model?.api], ['local', 0, 'chat']);
    assert.equal(persona.backstories?.output, '/w/p.backstories.jsonl');
    assert.equal(persona.demographics?.variables[0]!.sentence, 'My age is {{value}}.');
    assert.equal(persona.profile?.preamble, ANTHOLOGY.profilePreamble.bio);
    const stext = 'name: s\nquestions: [{ id: q, text: Q?, options: [a, b] }]\n';
    const survey = toSurveySpec({ value: parseSpec(stext, 'survey').value, text: stext }, '/w/s.survey.yaml');
    const m = resolveSurveyModel(survey, persona);
    assert.deepEqual([m?.name, m?.api, m?.max_tokens, m?.stop], ['base', 'completions', 128, ['\n', 'Question:']]);
    assert.equal(resolveSurveyEndpoint(survey, persona), 'local');
    assert.equal(resolveSurveyModel(survey, undefined), undefined);
  });
});

describe('typed spec model: schema defaults are the Anthology constants', () => {
  const survey = JSON.parse(readFileSync(path.join(root, 'schemas/survey.schema.json'), 'utf8')) as { definitions: Record<string, { properties: Record<string, { default?: unknown }> }> };
  const persona = JSON.parse(readFileSync(path.join(root, 'schemas/persona.schema.json'), 'utf8')) as typeof survey;
  it('survey template and consistency sentence', () => {
    assert.equal(survey.definitions['simulation']!.properties['template']!.default, ANTHOLOGY.surveyTemplate);
    assert.equal(survey.definitions['simulation']!.properties['consistency']!.default, ANTHOLOGY.consistency);
  });
  it('demographic template and profile item, line and separator', () => {
    assert.equal(persona.definitions['demographics']!.properties['template']!.default, ANTHOLOGY.demographicTemplate);
    assert.equal(persona.definitions['profile']!.properties['item']!.default, ANTHOLOGY.profileItem);
    assert.equal(persona.definitions['profile']!.properties['line']!.default, ANTHOLOGY.profileLine);
    // the separator's default depends on the style: no single schema `default`; the description states each one
    const sep = persona.definitions['profile']!.properties['separator']!;
    assert.equal(sep.default, undefined);
    const description = (sep as { description?: string }).description ?? '';
    const words: Record<string, string> = { '\n\n': 'a blank line', ' ': 'a space', '\n': 'a line break' };
    for (const [style, value] of Object.entries(ANTHOLOGY.profileSeparator)) assert.ok(description.includes(`\`${style}\` ${words[value]}`), `the description states the ${style} default`);
  });
  it('profile.separator is filled in per style by the spec model', () => {
    for (const style of ['bio', 'qa', 'portray'] as const) {
      const text = `name: p\nmethod: ${style}\n`;
      const persona = toPersonaSpec({ value: parseSpec(text, 'persona').value, text }, '/w/p.persona.yaml');
      assert.equal(persona.profile?.separator, ANTHOLOGY.profileSeparator[style]);
    }
  });
});
