// A human answer whose code the spec does not declare (here 99, an undeclared "don't know") is missing for every
// metric, as `semantic/human-codes` warns, and counted in the report. Reproducer: analyze used to keep it, which
// moved the question's distribution onto a support point the question does not have and changed the bound.
// Expected shares by hand: q1 answers 1, 2, 2, 99 → declared answers 1, 2, 2 → shares [1/3, 2/3, 0].
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeSurvey } from '../../../src/core/pipelines/analysis/analyzeSurvey';
import { readHumanSample } from '../../../src/core/pipelines/analysis/humanSample';
import { uniformBaseline } from '../../../src/core/pipelines/baselines/uniformBaseline';
import { loadSurveySpec } from '../../../src/core/spec/loadSpecModel';

describe('analysis: human codes the spec does not declare', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-undeclared-'));
    fs.writeFileSync(path.join(dir, 'h.csv'), 'id,q1,q2\n1,1,3\n2,2,2\n3,2,1\n4,99,3\n');
    fs.writeFileSync(path.join(dir, 's.survey.yaml'), [
      'name: undeclared',
      'human: { data: h.csv, id: id }',
      'questions:',
      '  - { id: q1, text: "One?", options: [Low, Mid, High], codes: [1, 2, 3] }',
      '  - { id: q2, text: "Two?", options: [Low, Mid, High], codes: [1, 2, 3] }',
      '',
    ].join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('treats them as missing and counts them per question', async () => {
    const { spec } = loadSurveySpec(path.join(dir, 's.survey.yaml'));
    const human = await readHumanSample(spec);
    assert.deepEqual(human.undeclared, { q1: 1 });
    const report = await analyzeSurvey(spec, human, [{ name: 'uniform', kind: 'baseline', label: 'uniform', sample: uniformBaseline(spec) }], { bootstrap: 0 });
    const shares = report.human.distributions.q1!;
    [1 / 3, 2 / 3, 0].forEach((want, i) => assert.ok(Math.abs(shares[i]! - want) < 1e-12, `share ${i}: ${shares[i]}`));
    assert.deepEqual(report.human.undeclared_codes, { q1: 1 });
  });
});
