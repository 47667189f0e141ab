import assert from 'node:assert/strict';
import { parseTableText } from '../../../src/core/data';
import { createRandom } from '../../../src/core/stats/createRandom';
import type { BackstoryRecord, DemographicRecord } from '../../../src/core/pipelines/backstories/backstoryRecord';
import { excludedIds } from '../../../src/core/pipelines/backstories/readBackstories';
import { locatorAnswer, locatorPrompt } from '../../../src/core/pipelines/demographicSurvey/locatorPrompt';
import { numericBin, optionOfAmount } from '../../../src/core/pipelines/demographicSurvey/numericBins';
import { parseDemographicAnswer } from '../../../src/core/pipelines/demographicSurvey/parseDemographicAnswer';
import { appendDemographics } from '../../../src/core/pipelines/matching/appendDemographics';
import { matchBackstories } from '../../../src/core/pipelines/matching/matchBackstories';
import type { MatchingStageConfig } from '../../../src/core/pipelines/matching/matchingConfig';
import { presentationFor } from '../../../src/core/pipelines/simulation/presentation';
import type { SimulationStageConfig } from '../../../src/core/pipelines/simulation/simulationConfig';

const AGE = ['18-29', '30-49', '50-64', '65 or Above', 'Prefer not to answer'];
const INCOME = ['Less than $10,000', '$10,000 to $19,999', '$40,000 to $49,999', '$200,000 or more', 'Prefer not to answer'];
const LETTERS = ['A', 'B', 'C', 'D', 'E'];

describe('pipelines: the demographic parse ladder (labels, option text, stated amounts, prefer-not)', () => {
  const ageBins = AGE.map(numericBin);
  const incomeBins = INCOME.map(numericBin);
  it('reads option ranges from option texts', () => {
    assert.deepEqual(numericBin('18-29'), { min: 18, max: 29.999999 });
    assert.equal(numericBin('65 or Above')?.min, 65);
    assert.equal(numericBin('65 or Above')?.max, Infinity);
    assert.equal(numericBin('Less than $10,000')?.min, -Infinity);
    assert.equal(numericBin('$10,000 to $19,999')?.min, 10000);
    assert.equal(numericBin('Male'), undefined);
  });
  it('label or option text first; then the one stated amount in its bin; then a prefer-not phrase; else non-compliant', () => {
    assert.deepEqual(parseDemographicAnswer(' (B)', AGE, LETTERS, ageBins, 4), { index: 1, via: 'label' });
    assert.deepEqual(parseDemographicAnswer('50-64', AGE, LETTERS, ageBins, 4), { index: 2, via: 'text' });
    assert.deepEqual(parseDemographicAnswer('I am 34 years old.', AGE, LETTERS, ageBins, 4), { index: 1, via: 'amount' });
    assert.deepEqual(parseDemographicAnswer('I am 71', AGE, LETTERS, ageBins, 4), { index: 3, via: 'amount' });
    assert.deepEqual(parseDemographicAnswer('about $45k a year', INCOME, LETTERS, incomeBins, 4), { index: 2, via: 'amount' });
    assert.deepEqual(parseDemographicAnswer('We make $250,000.', INCOME, LETTERS, incomeBins, 4), { index: 3, via: 'amount' });
    assert.deepEqual(parseDemographicAnswer("I'd rather not say.", AGE, LETTERS, ageBins, 4), { index: 4, via: 'prefer-not' });
    assert.equal(parseDemographicAnswer('I was 20 in 1990', AGE, LETTERS, ageBins, 4), undefined, 'two amounts: ambiguous');
    assert.equal(parseDemographicAnswer('As an AI, I have no age.', AGE, LETTERS, ageBins, 4), undefined);
    assert.equal(parseDemographicAnswer('(A) or (B)', AGE, LETTERS, ageBins, 4), undefined, 'two labels: ambiguous, not an amount');
    assert.equal(optionOfAmount('I am 5', ageBins), undefined, 'no bin holds 5');
  });
});

describe('pipelines: the locator prompt and reply (Anthology §1.4)', () => {
  it('replaces Question by Essay, swaps the refused option for "Was not mentioned" and takes the last "X)" label', () => {
    const { prompt, shown } = locatorPrompt('Question: Tell me.\n\nAnswer: I am 40.', 'age', AGE, 'Prefer not to answer');
    assert.deepEqual(shown, ['18-29', '30-49', '50-64', '65 or Above', 'Was not mentioned']);
    assert.equal(
      prompt,
      "Essay: Tell me.\n\nAnswer: I am 40.\n\nQuestion: What does the person's essay above mention about the age of the person?\n(A) 18-29\n(B) 30-49\n(C) 50-64\n(D) 65 or Above\n(E) Was not mentioned\nFirst, provide evidence that is mentioned in the text. If the answer was not mentioned, select 'Was not mentioned'. Next, answer with (A), (B), (C), (D), or (E).",
    );
    assert.equal(locatorAnswer('Maybe (A) but the text says 40, so B) then finally (B)', 5), 1);
    assert.equal(locatorAnswer('No label here', 5), undefined);
  });
});

describe('pipelines: presentation per persona (question order, Likert reversal, nominal shuffle)', () => {
  const config: SimulationStageConfig = {
    model: { name: 'm', api: 'completions', params: {} },
    mode: 'series',
    consistency: 'c',
    order: { questions: 'shuffle', likert: 'reverse-half', nominal: 'shuffle' },
    elicitation: { method: 'sample', maxReasks: 1 },
    template: '{{question}}',
    questions: [
      { id: 'L', text: 'l', type: 'ordinal', options: ['a', 'b', 'c', 'd'], codes: [1, 2, 3, 4] },
      { id: 'N', text: 'n', type: 'nominal', options: ['w', 'x', 'y', 'z'], codes: [1, 2, 3, 4] },
      { id: 'M', text: 'm', type: 'ordinal', options: ['a', 'b'], codes: [1, 2] },
    ],
    seed: 3,
  };
  it('is a pure function of the seed and the persona; Likert shown forward or fully reversed, nominal as a permutation', () => {
    assert.deepEqual(presentationFor(config, 'p1'), presentationFor(config, 'p1'));
    let reversed = 0;
    for (let i = 0; i < 2000; i++) {
      const p = presentationFor(config, `p${i}`);
      assert.deepEqual([...p.order].sort(), [0, 1, 2]);
      const l = p.shown[0]!;
      assert.ok(l.join() === '0,1,2,3' || l.join() === '3,2,1,0');
      assert.equal(p.reversed[0], l[0] === 3);
      if (p.reversed[0]) reversed++;
      assert.deepEqual([...p.shown[1]!].sort(), [0, 1, 2, 3]);
    }
    // 2,000 fair coin flips: 1,000 expected, sd 22.4; ±4 sd
    assert.ok(Math.abs(reversed - 1000) < 90, `reversed ${reversed}`);
    const fixed = presentationFor({ ...config, order: { questions: 'fixed', likert: 'forward', nominal: 'fixed' } }, 'p1');
    assert.deepEqual(fixed.order, [0, 1, 2]);
    assert.deepEqual(fixed.shown, [[0, 1, 2, 3], [0, 1, 2, 3], [0, 1]]);
  });
});

describe('pipelines: appended demographics (Anthology §1.5–1.6 formats)', () => {
  const v = (name: string, question: string, sentence: string) => ({ name, question, options: [], sentence });
  const traits = [
    { variable: v('gender', 'What is your gender?', 'I consider my gender as {{value}}.'), categories: ['Male', 'Female'], category: 'Female' },
    { variable: v('age', 'How old are you?', 'My age is {{value}}.'), categories: ['18-29', '30-49'], category: '30-49' },
  ];
  it('writes the QA, free-form and bio blocks exactly, in a shuffled order', () => {
    const qa = appendDemographics(traits, 'qa', () => 0.99);
    assert.equal(qa, 'Question: What is your gender?\n(A) Male\n(B) Female\nAnswer with (A) or (B).\nAnswer: (B)\n\nQuestion: How old are you?\n(A) 18-29\n(B) 30-49\nAnswer with (A) or (B).\nAnswer: (B)');
    assert.equal(appendDemographics(traits, 'qa-freeform', () => 0), 'Question: How old are you?\n\nAnswer: 30-49\n\nQuestion: What is your gender?\n\nAnswer: Female');
    assert.equal(appendDemographics(traits, 'bio', () => 0.99), 'Question: Please provide your demographic information.\n\nAnswer: I consider my gender as Female. My age is 30-49.');
    assert.equal(appendDemographics(traits, 'none', createRandom(1)), '');
  });
});

describe('pipelines: matching honours the review sidecar and appends the true demographics', () => {
  const backstories: BackstoryRecord[] = ['b0', 'b1', 'b2', 'b3'].map((id) => ({ id, text: `story ${id}`, method: 'anthology', createdAt: '2026-01-01T00:00:00Z' }));
  // personas' gender counts over [Male, Female, Prefer not, non-compliant]: b0 and b1 male, b2 and b3 female
  const counts = [[9, 1, 0, 0], [8, 2, 0, 0], [1, 9, 0, 0], [0, 10, 0, 0]];
  const demographics: DemographicRecord[] = backstories.map((b, i) => ({ id: b.id, variables: { gender: { counts: counts[i]!, source: 'samples', samples: 10 } } }));
  const humans = parseTableText('id,sex\nh1,1\nh2,2\nh3,\n', { text: ['id', 'sex'] });
  const config: MatchingStageConfig = {
    method: 'greedy',
    variables: ['gender'],
    append: 'qa-freeform',
    seed: 1,
    humanId: 'id',
    humanDemographics: { gender: { name: 'gender', column: 'sex', map: { '1': 'Male', '2': 'Female' }, missing: [''] } },
    personaVariables: [{ name: 'gender', question: 'What is your gender?', options: ['Male', 'Female', 'Prefer not to answer'], refused: 'Prefer not to answer', sentence: 'x' }],
  };
  it('greedy takes the best persona per respondent, never an excluded one, and skips missing traits', () => {
    const all = matchBackstories(config, backstories, demographics, new Set(), humans);
    assert.deepEqual(all.personas.map((p) => p.backstoryId).slice(0, 2), ['b0', 'b3']);
    const excluded = excludedIds(JSON.stringify({ version: 1, entries: { b0: { excluded: true, updatedAt: 'x' }, b3: { excluded: true, updatedAt: 'x' }, b2: { flagged: true, updatedAt: 'x' } } }), 'r.json');
    assert.deepEqual([...excluded].sort(), ['b0', 'b3']);
    const r = matchBackstories(config, backstories, demographics, excluded, humans);
    assert.deepEqual(r.personas.map((p) => p.backstoryId).slice(0, 2), ['b1', 'b2']);
    assert.equal(r.summary.excluded, 2);
    assert.equal(r.personas[0]!.text, 'story b1\n\nQuestion: What is your gender?\n\nAnswer: Male');
    assert.equal(r.personas[2]!.block, '', 'a missing trait is not appended');
    assert.equal(r.personas[2]!.text, `story ${r.personas[2]!.backstoryId}`);
  });
  it('max-weight needs as many backstories as respondents and says so', () => {
    assert.throws(() => matchBackstories({ ...config, method: 'max-weight' }, backstories, demographics, new Set(['b0', 'b1']), humans), /needs at least as many backstories \(2\) as respondents \(3\)/);
  });
});
