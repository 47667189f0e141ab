import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPersonaSpec, loadSurveySpec } from '../../../src/core/spec/loadSpecModel';
import {
  compileAcceptPattern, demographicCategory, labelList, optionLines, renderBackstoryPrompt, renderDemographicPrompt, renderProfileTrait,
  renderQuestionPrompt, renderTemplate, SpecModelError, type DemographicColumnSpec,
} from '../../../src/core/specModel';

const root = path.resolve(__dirname, '../../..');

describe('templates', () => {
  it('renders in one pass: a value containing {{…}} is inserted literally; spaces inside braces allowed', () => {
    assert.equal(renderTemplate('A {{ x }} B {{y}}', { x: '{{y}}', y: 'Y' }), 'A {{y}} B Y');
  });

  it('a placeholder without a value throws unknown-variable (a prompt with a hole is never sent)', () => {
    assert.throws(() => renderTemplate('{{backstory}} {{qestion}}', { backstory: 'b' }, '`simulation.template`'),
      (e: unknown) => SpecModelError.is(e, 'unknown-variable') && /qestion/.test(e.message));
  });

  it('options and labels in the Anthology format', () => {
    assert.equal(optionLines(['Yes', 'No']), '(A) Yes\n(B) No');
    assert.equal(labelList(2), '(A) or (B)');
    assert.equal(labelList(5), '(A), (B), (C), (D), or (E)');
  });

  it('the default survey prompt is exactly Anthology\'s (seeds-methods §1.7), in series and independent mode', () => {
    const { spec } = loadSurveySpec(path.join(root, 'examples/beps/beps.survey.yaml'));
    const q = spec.questions[0]!;
    const input = { backstory: 'I am Jo.', demographicsBlock: '', demographics: {}, history: 'Question: Earlier?\n(A) x\n(B) y\nAnswer with (A) or (B).\nAnswer: (A)\n\n', presentedOptions: [...q.options].reverse() };
    assert.equal(renderQuestionPrompt(spec.simulation, q, input),
      'I am Jo.\n\nQuestion: Earlier?\n(A) x\n(B) y\nAnswer with (A) or (B).\nAnswer: (A)\n\n'
      + 'Please answer the following question keeping in mind your previous answers.\n'
      + 'Question: How would you rate the current economic conditions in Britain as a whole?\n'
      + '(A) 5 (very good)\n(B) 4\n(C) 3\n(D) 2\n(E) 1 (very poor)\nAnswer with (A), (B), (C), (D), or (E).\nAnswer:');
    const independent = { ...spec.simulation, mode: 'independent' as const };
    assert.equal(renderQuestionPrompt(independent, q, { ...input, presentedOptions: q.options }),
      'I am Jo.\n\nQuestion: How would you rate the current economic conditions in Britain as a whole?\n'
      + '(A) 1 (very poor)\n(B) 2\n(C) 3\n(D) 4\n(E) 5 (very good)\nAnswer with (A), (B), (C), (D), or (E).\nAnswer:');
  });

  it('persona prompts: backstory with the accepted preamble, demographic question, profile traits', () => {
    const { spec } = loadPersonaSpec(path.join(root, 'examples/personas/us-adults.persona.yaml'));
    assert.equal(renderBackstoryPrompt(spec, { preambleAnswer: ' Yes' }),
      'Question: Are you a US citizen?\n\nAnswer: Yes\n\nQuestion: Tell me about yourself. How old are you? Where did you grow up? What events made you who you are? What matters to you and what do you enjoy?\n\nAnswer:');
    const gender = spec.demographics!.variables[1]!;
    assert.equal(renderDemographicPrompt(spec.demographics!.template, gender, 'My story.'),
      'My story.\n\nQuestion: What is your gender?\n(A) Male\n(B) Female\n(C) Other (e.g., non-binary, trans)\n(D) Prefer not to answer\nAnswer with (A), (B), (C), or (D).\nAnswer:');
    const templates = { item: 'Question: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer: {{answer}}', line: '{{topic}}: {{value}}' };
    // QA block: the refused option is removed before lettering (seeds-methods §1.6).
    assert.equal(renderProfileTrait('qa', templates, gender, 'Female'),
      'Question: What is your gender?\n(A) Male\n(B) Female\n(C) Other (e.g., non-binary, trans)\nAnswer with (A), (B), or (C).\nAnswer: (B)');
    assert.equal(renderProfileTrait('bio', templates, gender, 'Female'), 'I consider my gender as Female.');
    assert.equal(renderProfileTrait('portray', templates, gender, 'Female'), 'gender: Female');
  });
});

describe('accept patterns', () => {
  it('a leading (?i) becomes the i flag; the pattern matches anywhere (Python re.search)', () => {
    const p = compileAcceptPattern('(?i)yes');
    assert.equal(p.test(' Yes, I am.'), true);
    assert.equal(p.test(' No.'), false);
    assert.equal(compileAcceptPattern('yes').test(' Yes'), false);
    assert.equal(compileAcceptPattern(undefined).test('anything'), true);
  });
  it('an invalid pattern throws bad-pattern', () => {
    assert.throws(() => compileAcceptPattern('(?i)(yes'), (e: unknown) => SpecModelError.is(e, 'bad-pattern'));
  });
});

describe('demographic categories', () => {
  const base: DemographicColumnSpec = { name: 'v', column: 'c', missing: [''] };
  it('map: mapped, null-mapped and unlisted fields', () => {
    const spec = { ...base, map: { '1': 'Male', '2': 'Female', '9': null } };
    assert.deepEqual(['1', ' 2 ', '9', '3', ''].map((f) => demographicCategory(spec, f)), ['Male', 'Female', null, null, null]);
  });
  it('ranges are inclusive; the first matching range wins; non-numbers are missing', () => {
    const spec = { ...base, ranges: [{ min: 0, max: 17, category: null }, { min: 18, max: 29, category: '18-29' }, { min: 29, max: 49, category: '30-49' }] };
    assert.deepEqual(['3', '18', '29', '29.5', '50', 'x', ''].map((f) => demographicCategory(spec, f)), [null, '18-29', '18-29', '30-49', null, null, null]);
  });
  it('raw values are categories without map or ranges; declared missing codes are missing', () => {
    const spec = { ...base, missing: ['', '99'] };
    assert.deepEqual(['ON', '99', ''].map((f) => demographicCategory(spec, f)), ['ON', null, null]);
  });
});
