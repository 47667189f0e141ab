// bio / qa / portray personas written from each respondent's own demographics, and imported persona sets (JSONL and
// Parquet), run through simulate against the test server: the exact persona texts and what was recorded.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import type { MethodPersonaRecord } from '../../../src/core/pipelines/personaMethods/methodPersona';
import { seedOf } from '../../../src/core/pipelines/shared/seedOf';
import { METHOD_PERSONAS_FILE, simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { readCsv, readJsonl, serverOptions, studyFolder } from './studyFixture';

const BIO_PREAMBLE = 'Below you will be asked to provide a short description of your demographic information, and then answer some questions.\n\nDescription:';
const PORTRAY_PREAMBLE = 'Answer the following questions as if you are a person with the following demographic information provided below.';
const QA_PREAMBLE = 'Below you will be asked to complete some demographic questions, and then answer a question.';

describe('persona methods: bio, qa, portray and import through simulate', function () {
  this.timeout(120_000);
  let server: OpenAiTestServer;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true });
  });
  after(async () => server.close());

  /** Runs the bfi fixture with the first 4 respondents and the small persona spec switched to `method`. */
  async function run(method: string, profile = '  shuffle: false\n'): Promise<{ records: MethodPersonaRecord[]; answers: string[][] }> {
    const study = studyFolder({ humans: 4 });
    try {
      const spec = fs.readFileSync(study.persona, 'utf8').replace('method: anthology', `method: ${method}\nprofile:\n${profile}`);
      fs.writeFileSync(study.persona, spec);
      const r = await simulateStudy(study.survey, serverOptions(server, 'live', { analyze: false }));
      assert.equal(r.record.method, method);
      return { records: readJsonl<MethodPersonaRecord>(path.join(r.runDir, METHOD_PERSONAS_FILE)), answers: readCsv(r.answersPath) };
    } finally {
      study.remove();
    }
  }

  // bfi500.csv rows 1–4 (test/fixtures/pipeline): 61617 gender 1, education "", age 16; 61618 gender 2, education "",
  // age 18; 61620 gender 2, education "", age 17; 61621 gender 2, education "", age 17 — read by hand from the file.
  // Age under 18 maps to null (the survey's ranges), gender 1 → Male, 2 → Female; education is missing throughout.
  // The persona spec's `profile.separator` defaults by style: bio a space, portray a line break, qa a blank line
  // (schemas/persona.schema.json, ANTHOLOGY.profileSeparator).
  it('bio: the preamble, then one sentence per known trait in the matching order, missing traits skipped', async () => {
    const { records, answers } = await run('bio');
    assert.deepEqual(records.map((r) => r.id), ['h:61617', 'h:61618', 'h:61620', 'h:61621']);
    assert.equal(records[0]!.text, `${BIO_PREAMBLE} I consider my gender as Male.`);
    assert.equal(records[1]!.text, `${BIO_PREAMBLE} My age is 18-29. I consider my gender as Female.`);
    assert.equal(records[1]!.seed, seedOf(42, 'primed', '61618'), 'the seed of the trait shuffle is recorded');
    assert.deepEqual(answers.slice(1).map((row) => row[1]), ['61617', '61618', '61620', '61621'], 'each persona is its own respondent');
  });

  // QA lists the survey's own answer categories (human.demographics: gender maps only to Male and Female).
  it('portray and qa: topic lines and answered questions', async () => {
    const portray = await run('portray');
    assert.equal(portray.records[1]!.text, `${PORTRAY_PREAMBLE}\n\nage: 18-29\ngender: Female`);
    const qa = await run('qa');
    assert.equal(
      qa.records[1]!.text,
      `${QA_PREAMBLE}\n\nQuestion: How old are you?\n(A) 18-29\n(B) 30-49\n(C) 50-64\n(D) 65 or Above\nAnswer with (A), (B), (C), or (D).\nAnswer: (A)\n\n` +
        `Question: What is your gender?\n(A) Male\n(B) Female\nAnswer with (A) or (B).\nAnswer: (B)`,
    );
  });

  for (const format of ['jsonl', 'parquet'] as const) {
    it(`import (${format}): the spec's column mapping, limit honoured, every persona simulated as it is`, async () => {
      const study = studyFolder({ humans: 4 });
      try {
        const people = [
          { uuid: 'u1', persona: 'I am a retired teacher from Ohio.', age: '65 or Above' },
          { uuid: 'u2', persona: 'I fix bikes in Chicago.', age: '18-29' },
          { uuid: 'u3', persona: 'I run a bakery.', age: '30-49' },
        ];
        const file = path.join(study.dir, `set.${format}`);
        if (format === 'jsonl') fs.writeFileSync(file, people.map((p) => JSON.stringify(p)).join('\n') + '\n');
        else {
          parquetWriteFile({
            filename: file,
            columnData: [
              { name: 'uuid', data: people.map((p) => p.uuid), type: 'STRING' },
              { name: 'persona', data: people.map((p) => p.persona), type: 'STRING' },
              { name: 'age', data: people.map((p) => p.age), type: 'STRING' },
            ],
            rowGroupSize: 2,
          });
        }
        const persona = path.join(study.dir, 'set.persona.yaml');
        fs.writeFileSync(persona, `name: set\nmethod: import\nimport:\n  file: set.${format}\n  id: uuid\n  text: persona\n  demographics: { age: age }\n  limit: 2\n`);
        const r = await simulateStudy(study.survey, serverOptions(server, 'live', { analyze: false, personas: persona }));
        const records = readJsonl<MethodPersonaRecord>(path.join(r.runDir, METHOD_PERSONAS_FILE)).map(({ settings, ...rest }) => {
          assert.match(settings ?? '', /^[0-9a-f]{16}$/, 'each persona carries the hash of the settings it was made with');
          return rest;
        });
        assert.deepEqual(records, [
          { id: 'u1', method: 'import', seed: null, text: 'I am a retired teacher from Ohio.', given: { age: '65 or Above' } },
          { id: 'u2', method: 'import', seed: null, text: 'I fix bikes in Chicago.', given: { age: '18-29' } },
        ]);
        const csv = readCsv(r.answersPath);
        assert.deepEqual(csv.slice(1).map((row) => row[0]), ['u1', 'u2'], 'imported personas are not matched: one answer row each');
        assert.equal(csv[0]![1], 'A1', 'no respondent column without matching');
      } finally {
        study.remove();
      }
    });
  }
});
