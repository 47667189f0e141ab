import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackstoryRecord } from '../../../src/core/pipelines/backstories/backstoryRecord';
import { generatePersonas, simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { PipelineError } from '../../../src/core/pipelines/shared/pipelineError';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { completionBodies, promptOf, readCsv, readJsonl, serverOptions, studyFolder } from './studyFixture';

const DP_PERSONA = `name: dp
method: demographics-primed
endpoint: default
seed: 9
model: { name: test-model, api: chat, temperature: 1.1, top_p: 1.0, max_tokens: 1500 }
profile: { style: qa }
backstories:
  prompt: "{{demographics}}\\n\\nQuestion: Tell me about yourself.\\n\\nAnswer:"
demographics:
  variables:
    age:
      question: What is your age?
      options: ["18-29", "30-49", "50-64", "65 or Above", "Prefer not to answer"]
      refused: Prefer not to answer
    gender:
      question: What is your gender?
      options: [Male, Female, "Other (e.g., non-binary, trans)", "Prefer not to answer"]
      refused: Prefer not to answer
    education:
      question: What is the highest level of schooling or degree that you have completed?
      options: [Less than high school, "High school graduate or equivalent (e.g., GED)", "Some college, but no degree", Associate degree, Bachelor's degree, "Professional degree (e.g., JD, MD)", Master's degree, Doctoral degree, Prefer not to answer]
      refused: Prefer not to answer
`;

describe('pipelines: a demographics-primed study (Anthology §1.3) end to end', function () {
  this.timeout(300_000);
  it('writes one backstory per respondent from its own demographics (QA style, survey answer lists), appends the same traits, and answers the survey', async () => {
    const server = await startOpenAiTestServer({ plausible: true, logBodies: true });
    const s = studyFolder({ humans: 12 });
    try {
      fs.writeFileSync(path.join(s.dir, 'dp.persona.yaml'), DP_PERSONA);
      fs.writeFileSync(s.survey, fs.readFileSync(s.survey, 'utf8').replace('personas: small.persona.yaml', 'personas: dp.persona.yaml'));
      await assert.rejects(generatePersonas(path.join(s.dir, 'dp.persona.yaml'), serverOptions(server)), (e: unknown) => PipelineError.is(e, 'config') && /written per respondent of a survey/.test(e.message));
      const r = await simulateStudy(s.survey, serverOptions(server, 'live', { analyze: false }));
      assert.equal(r.record.method, 'demographics-primed');
      const backstories = readJsonl<BackstoryRecord>(path.join(s.dir, 'dp.bfi-small.backstories.jsonl'));
      assert.equal(backstories.length, 12, 'one backstory per respondent');
      // respondent 2 of bfi500.csv (id 61618): gender 2 = Female, education missing, age 18
      const b1 = backstories[1]!;
      assert.deepEqual(b1.given, { gender: 'Female', age: '18-29' });
      assert.equal(b1.method, 'demographics-primed');
      const prompts = completionBodies(server).map(promptOf);
      const gender = 'Question: What is your gender?\n(A) Male\n(B) Female\nAnswer with (A) or (B).\nAnswer: (B)';
      const age = 'Question: What is your age?\n(A) 18-29\n(B) 30-49\n(C) 50-64\n(D) 65 or Above\nAnswer with (A), (B), (C), or (D).\nAnswer: (A)';
      const preamble = 'Below you will be asked to complete some demographic questions, and then answer a question.';
      const either = [`${preamble}\n\n${gender}\n\n${age}`, `${preamble}\n\n${age}\n\n${gender}`].map((d) => `${d}\n\nQuestion: Tell me about yourself.\n\nAnswer:`);
      assert.ok(either.some((p) => prompts.includes(p)), 'the primed prompt in the QA style with the survey\'s categories, refused and missing traits skipped');
      const csv = readCsv(r.answersPath);
      assert.equal(csv.length - 1, 12);
      assert.equal(csv[2]![0], 'b000001:61618');
      for (const c of Object.values(r.counts)) assert.equal(c.answered + c.refused + c.nonCompliant + c.failed, 12);
      assert.ok(!prompts.some((p) => p.includes('Was not mentioned')), 'no demographic survey for given demographics');
    } finally {
      s.remove();
      await server.close();
    }
  });
});
