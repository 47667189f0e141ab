import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackstoryRecord, DemographicRecord } from '../../../src/core/pipelines/backstories/backstoryRecord';
import type { PersonaResult } from '../../../src/core/pipelines/simulation/simulateSurvey';
import { simulateStudy, type SimulationResult } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { batchBodies, completionBodies, promptOf, readCsv, readJsonl, serverOptions, studyFolder } from './studyFixture';

// The exact prompt texts of the Anthology method (seeds-methods §1.2, §1.4, §1.7), written out here by hand from the
// reference and the fixture specs, independently of the pipeline's own rendering code.
const PREAMBLE = 'Question: Are you a US citizen?\n\nAnswer:';
const BACKSTORY_Q = 'Question: Tell me about yourself. How old are you? Where did you grow up? What events made you who you are? What matters to you and what do you enjoy?\n\nAnswer:';
const CONSISTENCY = 'Please answer the following question keeping in mind your previous answers.';
const ACCURACY = ['Very Inaccurate', 'Moderately Inaccurate', 'Slightly Inaccurate', 'Slightly Accurate', 'Moderately Accurate', 'Very Accurate'];
const BFI_TEXT: Record<string, string> = Object.fromEntries(
  fs
    .readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'pipeline', 'bfi-small.survey.yaml'), 'utf8')
    .split('\n')
    .flatMap((l) => {
      const m = /^ {2}- \{ id: (\w+), text: "(.*)", options/.exec(l);
      return m ? [[m[1]!, m[2]!.replace(/\\"/g, '"')]] : [];
    }),
);
const QUESTION_IDS = Object.keys(BFI_TEXT);

function surveyBlock(qid: string, shown: readonly number[]): string {
  const letters = 'ABCDEF';
  const lines = shown.map((c, k) => `(${letters[k]!}) ${ACCURACY[c]!}`).join('\n');
  return `${CONSISTENCY}\nQuestion: Describe yourself as you generally are now. How accurately does this statement describe you? "${BFI_TEXT[qid]!}"\n${lines}\nAnswer with (A), (B), (C), (D), (E), or (F).\nAnswer:`;
}

/** The code an answer text stands for, read against the options as the prompt showed them (the test's own map-back). */
function codeFromReply(reply: string, shown: readonly number[]): number | undefined {
  const label = /^\(?([A-F])\)?(?:\s|$)/.exec(reply.trim());
  if (label) return shown['ABCDEF'.indexOf(label[1]!)]! + 1;
  const byText = ACCURACY.map((o, i) => ({ o, i })).filter(({ o }) => reply.toLowerCase().includes(o.toLowerCase()));
  const longest = byText.sort((a, b) => b.o.length - a.o.length)[0];
  return longest ? longest.i + 1 : undefined;
}

function checkCounts(r: SimulationResult, personas: number): void {
  const csv = readCsv(r.answersPath);
  assert.deepEqual(csv[0], ['persona_id', 'respondent', ...QUESTION_IDS]);
  assert.equal(csv.length - 1, personas);
  for (const [qid, c] of Object.entries(r.counts)) {
    assert.equal(c.personas, personas);
    assert.equal(c.answered + c.refused + c.nonCompliant + c.failed, personas, `${qid}: the outcomes add up to the personas`);
    assert.equal(c.via.label + c.via.text + c.via.both + c.via.logprobs, c.answered, `${qid}: every answer was read one way`);
    const col = QUESTION_IDS.indexOf(qid) + 2;
    assert.equal(csv.slice(1).filter((row) => row[col] !== '').length, c.answered, `${qid}: answers.csv has a code exactly for each answer`);
    for (const row of csv.slice(1)) if (row[col] !== '') assert.ok(['1', '2', '3', '4', '5', '6'].includes(row[col]!));
  }
  const run = JSON.parse(fs.readFileSync(path.join(r.runDir, 'run.json'), 'utf8')) as { status: string; answerCounts: unknown; summary?: { n: number } };
  assert.equal(run.status, 'done');
  assert.deepEqual(run.answerCounts, r.counts);
  // the analysis ran on the answers (its numbers are the analysis helper's to test)
  assert.ok(r.analysis && r.analysis.methods[r.record.method], 'the run was analysed under its method name');
  assert.ok(fs.existsSync(path.join(r.runDir, 'analysis.json')));
}

describe('pipelines: the Anthology study end to end against the test server', function () {
  this.timeout(900_000);
  let server: OpenAiTestServer;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true, logBodies: true, batchPolls: 1 });
  });
  after(async () => server.close());

  it('completions, live: generate → demographic survey → greedy and max-weight matching → simulate 500 personas, exact prompts, permutations mapped back, counts adding up', async () => {
    const study = studyFolder();
    try {
      const r = await simulateStudy(study.survey, serverOptions(server));
      const bodies = completionBodies(server);
      assert.equal(bodies.length, r.record.totals.calls, 'every call the run counts reached the server once (no faults, no retries)');

      // backstories: preamble re-sampled until yes, transcript form, spec sampling settings, min-length and duplicates dropped
      const backstories = readJsonl<BackstoryRecord>(path.join(study.dir, 'small.backstories.jsonl'));
      assert.equal(backstories.length, 520);
      const s = r.backstorySummary;
      assert.equal(s.tries, s.accepted + s.short + s.duplicates + s.preambleRejected + s.failed);
      assert.ok(s.short > 0 && s.duplicates > 0 && s.preambleResamples > 0, JSON.stringify(s));
      const preambles = bodies.filter((b) => promptOf(b) === PREAMBLE);
      // every try asks the preamble once, plus once per answer that was not accepted (re-sampled)
      assert.equal(preambles.length, s.tries - s.preambleRejected + s.preambleResamples);
      for (const b of preambles) {
        assert.equal(b.max_tokens, 100);
        assert.deepEqual(b.stop, ['\n', 'Question']);
        assert.equal(b.temperature, 1);
        assert.equal(b.top_p, 1);
      }
      const prompts = new Set(bodies.map(promptOf));
      const texts = new Set<string>();
      for (const b of backstories) {
        assert.match(b.preamble!, /yes/i);
        assert.equal(b.passage, `${PREAMBLE} ${b.preamble!}\n\n${BACKSTORY_Q} ${b.text}`);
        assert.ok(prompts.has(`${PREAMBLE} ${b.preamble!}\n\n${BACKSTORY_Q}`));
        assert.ok((b.tokens ?? 0) > 40, 'short backstories were dropped');
        assert.ok(!texts.has(b.text), 'no duplicate backstory');
        texts.add(b.text);
        assert.equal(b.params?.max_tokens, 1500);
        assert.deepEqual(b.params?.stop, ['Question', 'Q:', 'Interview']);
        assert.equal(b.params?.temperature, 1);
        assert.equal(typeof b.seed, 'number');
      }
      const story = bodies.find((b) => promptOf(b) === `${PREAMBLE} ${backstories[0]!.preamble!}\n\n${BACKSTORY_Q}`)!;
      assert.deepEqual([story.max_tokens, story.stop, story.top_p, story.model], [1500, ['Question', 'Q:', 'Interview'], 1, 'test-base-model']);

      // demographic survey: exact prompt, 40 samples in one call with n, counts over K options + a non-compliant bucket
      const b0 = backstories[0]!;
      const gender = bodies.find((b) => promptOf(b) === `${b0.passage!}\n\nQuestion: What is your gender?\n(A) Male\n(B) Female\n(C) Other (e.g., non-binary, trans)\n(D) Prefer not to answer\nAnswer with (A), (B), (C), or (D).\nAnswer:`);
      assert.ok(gender, 'the demographic question was sent in the exact Anthology format');
      assert.deepEqual([gender.n, gender.max_tokens, gender.stop], [40, 128, ['\n', 'Question']]);
      const locator = bodies.find((b) => Array.isArray(b.messages) && (b.messages as Array<{ content: string }>)[1]?.content.startsWith(b0.passage!.replace(/Question:/g, 'Essay:')) && promptOf(b).includes('about the age of the person'));
      assert.ok(locator, 'the locator was asked about age');
      assert.deepEqual(locator.messages, [
        { role: 'system', content: 'Please select the best answer from the following choices:' },
        {
          role: 'user',
          content: `${b0.passage!.replace(/Question:/g, 'Essay:')}\n\nQuestion: What does the person's essay above mention about the age of the person?\n(A) 18-29\n(B) 30-49\n(C) 50-64\n(D) 65 or Above\n(E) Was not mentioned\nFirst, provide evidence that is mentioned in the text. If the answer was not mentioned, select 'Was not mentioned'. Next, answer with (A), (B), (C), (D), or (E).`,
        },
      ]);
      assert.equal(locator.temperature, 0);
      const demographics = readJsonl<DemographicRecord>(path.join(study.dir, 'small.demographics.jsonl'));
      assert.equal(demographics.length, 520);
      for (const d of demographics) {
        const g = d.variables.gender!;
        assert.equal(g.counts.length, 5);
        assert.equal(g.source, 'samples');
        assert.equal(g.counts.reduce((a, b) => a + b, 0), 40);
        const age = d.variables.age!;
        assert.equal(age.counts.length, 6);
        if (age.source === 'locator') assert.deepEqual([age.samples, age.counts.reduce((a, b) => a + b, 0)], [1, 1]);
      }
      assert.ok(r.demographicSummary!.nonCompliant > 0, 'non-compliant answers land in the last bucket');

      // simulation: exact prompts of the first persona's 25 questions in series, with its appended demographics
      checkCounts(r, 500);
      const personas = readJsonl<PersonaResult & { demographics: Record<string, string | null> }>(path.join(r.runDir, 'personas.jsonl'));
      const p0 = personas[0]!;
      assert.equal(p0.humanId, '61617');
      assert.equal(p0.personaId, `${p0.backstoryId}:61617`);
      assert.deepEqual(p0.demographics, { gender: 'Male', education: null, age: null });
      const base = `${backstories.find((b) => b.id === p0.backstoryId)!.passage!}\n\nQuestion: What is your gender?\n(A) Male\n(B) Female\nAnswer with (A) or (B).\nAnswer: (A)\n\n`;
      let history = '';
      for (const qid of p0.order) {
        const block = surveyBlock(qid, p0.shown[qid]!);
        assert.ok(prompts.has(`${base}${history}${block}`), `persona 61617, ${qid}: the exact series prompt was sent`);
        if (p0.answers[qid]!.text !== undefined) history += `${block} ${p0.answers[qid]!.text!}\n\n`;
      }

      // permutations: about half of the Likert presentations reversed, orders shuffled, answers mapped back
      let reversed = 0;
      for (const p of personas) for (const qid of QUESTION_IDS) if (p.shown[qid]![0] === 5) reversed++;
      // 12,500 fair coin flips: 6,250 expected, sd 56; ±4 sd
      assert.ok(Math.abs(reversed - 6250) < 224, `reversed presentations: ${reversed}`);
      assert.ok(new Set(personas.map((p) => p.order.join())).size > 490, 'question order shuffled per persona');
      const csv = readCsv(r.answersPath);
      let checked = 0;
      personas.forEach((p, row) => {
        for (const qid of QUESTION_IDS) {
          const a = p.answers[qid]!;
          if (a.status !== 'answered') continue;
          assert.equal(csv[row + 1]![QUESTION_IDS.indexOf(qid) + 2], String(codeFromReply(a.text!, p.shown[qid]!)), `${p.personaId} ${qid}: "${a.text!}" shown as ${p.shown[qid]!.join('')}`);
          checked++;
        }
      });
      assert.ok(checked > 11_000);

      // max-weight: the same backstories (nothing generated again), one persona per respondent
      const before = server.log.length;
      const mw = fs.readFileSync(study.survey, 'utf8').replace('method: greedy', 'method: max-weight');
      const mwSurvey = path.join(study.dir, 'bfi-mw.survey.yaml');
      fs.writeFileSync(mwSurvey, mw);
      const m = await simulateStudy(mwSurvey, serverOptions(server));
      assert.equal(m.record.method, 'anthology-max-weight');
      assert.equal(m.matching.distinctUsed, 500);
      assert.ok(r.matching.distinctUsed < 500, 'greedy reuses personas');
      const later = server.log.slice(before).filter((e) => e.body !== undefined).map((e) => promptOf(JSON.parse(e.body!) as Record<string, unknown>));
      assert.ok(!later.some((p) => p === PREAMBLE || p.endsWith(BACKSTORY_Q)), 'no backstory was generated again');
      checkCounts(m, 500);
    } finally {
      study.remove();
    }
  });

  it('chat, batch: the same study through Batch API jobs, 500 personas, the same texts as user messages', async () => {
    const study = studyFolder({ api: 'chat' });
    try {
      const filesBefore = new Set(server.files.keys());
      const r = await simulateStudy(study.survey, serverOptions(server, 'batch'));
      checkCounts(r, 500);
      const lines = batchBodies(server).filter((l) => l.url === '/v1/chat/completions');
      assert.ok(lines.length >= r.record.totals.calls, 'every call went through a batch file');
      assert.ok([...server.files.keys()].some((k) => !filesBefore.has(k)));
      const backstories = readJsonl<BackstoryRecord>(path.join(study.dir, 'small.backstories.jsonl'));
      const b0 = backstories[0]!;
      const story = lines.find((l) => promptOf(l.body) === `${PREAMBLE} ${b0.preamble!}\n\n${BACKSTORY_Q}`);
      assert.ok(story, 'the backstory question went in a batch file');
      assert.deepEqual(story.body.messages, [{ role: 'user', content: `${PREAMBLE} ${b0.preamble!}\n\n${BACKSTORY_Q}` }]);
      const personas = readJsonl<PersonaResult>(path.join(r.runDir, 'personas.jsonl'));
      const p0 = personas[0]!;
      const base = `${backstories.find((b) => b.id === p0.backstoryId)!.passage!}\n\nQuestion: What is your gender?\n(A) Male\n(B) Female\nAnswer with (A) or (B).\nAnswer: (A)\n\n`;
      const sent = new Set(lines.map((l) => promptOf(l.body)));
      let history = '';
      for (const qid of p0.order) {
        const block = surveyBlock(qid, p0.shown[qid]!);
        assert.ok(sent.has(`${base}${history}${block}`), `${qid}: the exact series prompt was sent`);
        if (p0.answers[qid]!.text !== undefined) history += `${block} ${p0.answers[qid]!.text!}\n\n`;
      }
    } finally {
      study.remove();
    }
  });

  for (const [api, mode] of [['completions', 'batch'], ['chat', 'live']] as const) {
    it(`${api}, ${mode}: a small max-weight study (60 respondents, 70 backstories) gives the answers of the same study run the other way`, async () => {
      const a = studyFolder({ api, humans: 60 });
      const b = studyFolder({ api, humans: 60 });
      try {
        for (const s of [a, b]) fs.writeFileSync(s.survey, fs.readFileSync(s.survey, 'utf8').replace('method: greedy', 'method: max-weight'));
        const ra = await simulateStudy(a.survey, serverOptions(server, mode, { count: 70 }));
        const rb = await simulateStudy(b.survey, serverOptions(server, mode === 'live' ? 'batch' : 'live', { count: 70 }));
        checkCounts(ra, 60);
        assert.equal(ra.matching.distinctUsed, 60);
        assert.equal(fs.readFileSync(ra.answersPath, 'utf8'), fs.readFileSync(rb.answersPath, 'utf8'), 'live and batch give the same answers (same seeds, same requests)');
      } finally {
        a.remove();
        b.remove();
      }
    });
  }
});
