import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MethodPersonaRecord } from '../../../src/core/pipelines/personaMethods/methodPersona';
import { PipelineError } from '../../../src/core/pipelines/shared/pipelineError';
import { METHOD_PERSONAS_FILE, simulateStudy, type SimulationResult } from '../../../src/core/pipelines/study/runStudy';
import type { OutcomeStudyResult } from '../../../src/core/pipelines/outcomes/outcomeStudy';
import { formatOutcomeStudy, leanDriftWarning } from '../../../src/core/pipelines/outcomes/outcomeStudyText';
import { outcomeStudiesWithoutHumans, runOutcomeStudies } from '../../../src/core/pipelines/outcomes/runOutcomeStudies';
import { loadSurveySpec } from '../../../src/core/spec/loadSpecModel';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { readCsv, readJsonl, serverOptions } from './studyFixture';

const examples = path.join(__dirname, '..', '..', '..', 'examples', 'ladder');

/** A temporary copy of examples/ladder (census tables, the four rung specs, the election survey) and examples/election (the outcome table). */
function ladderFolder(): { dir: string; survey: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-ladder-'));
  const dir = path.join(root, 'ladder');
  fs.cpSync(examples, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) });
  fs.cpSync(path.join(examples, '..', 'election'), path.join(root, 'election'), { recursive: true });
  return { dir, survey: path.join(dir, 'election-2020.survey.yaml'), remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

// The example's census tables, written out by hand from examples/ladder/census/*.csv (weights as in the files).
const AGE_SEX: Record<string, number> = {
  '18 to 34 years|Male': 0.15, '18 to 34 years|Female': 0.15, '35 to 54 years|Male': 0.16, '35 to 54 years|Female': 0.16, '55 years and over|Male': 0.18, '55 years and over|Female': 0.2,
};
const STATES: Record<string, number> = { Arizona: 3385845, Georgia: 4992772, Michigan: 5533254, Pennsylvania: 6881795, Wisconsin: 3297434 };
const EDUCATION: Record<string, number> = { 'Less than HS': 10, 'HS Graduate': 28, 'Some College': 28, "Bachelor's": 21, 'Graduate Degree': 13 };

/** Pearson's chi-square statistic of observed counts against expected weights (normalised), over the table's categories. */
function chiSquare(observed: readonly string[], weights: Record<string, number>): number {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let x2 = 0;
  for (const [k, w] of Object.entries(weights)) {
    const e = (observed.length * w) / total;
    const o = observed.filter((v) => v === k).length;
    x2 += (o - e) ** 2 / e;
  }
  assert.ok(observed.every((v) => v in weights), 'every drawn value is a category of its table');
  return x2;
}
// Upper 0.1% points of chi-square (scipy.stats.chi2.ppf(0.999, df)): df 5 → 20.515, df 4 → 18.467.
const CHI2_999 = { 4: 18.467, 5: 20.515 } as const;

// The generation prompt of the example's tabular rungs and of the descriptive rung, written out by hand.
const TABULAR_PROMPT = [
  'Instructions:',
  '1. Read the persona metadata below and fill in the final persona template so that the person is consistent with every metadata field.',
  '2. Choose exactly one listed value for each field with a list; DO NOT ADD EXTRA INFORMATION OR ELABORATION.',
  '3. Begin your answer with "Persona:" followed by the filled template as JSON.',
  '',
  '### PERSONA METADATA ###',
  '{{meta}}',
  '',
  '### FINAL PERSONA TEMPLATE ###',
  '{{template}}',
].join('\n');
const DESCRIPTIVE_PROMPT = [
  'Instructions:',
  '1. Read the persona metadata below and imagine a detailed, diverse and vivid three-dimensional individual consistent with every field.',
  '2. Commit to specific details: name, place, work, family, daily life, beliefs.',
  '3. Begin your answer with "Persona:" followed by the description.',
  '',
  '### PERSONA METADATA ###',
  '{{meta}}',
].join('\n');
const SYSTEM = 'You are an AI assistant specialized in detailed and unbiased persona generation for opinion simulations.';
// Li et al.'s template field lists (seeds-methods.md §2.3), in their order.
const OBJECTIVE = ['AGE', 'SEX', 'RACE', 'STATE', 'ANCESTRY', 'HOUSEHOLD_LANGUAGE', 'EDUCATION', 'EMPLOYMENT_STATUS', 'CLASS_OF_WORKER', 'INDUSTRY_CATEGORY', 'OCCUPATION_CATEGORY', 'INCOME', 'MARITAL_STATUS', 'HOUSEHOLD_TYPE', 'FAMILY_PRESENCE_AND_AGE', 'PLACE_OF_BIRTH', 'CITIZENSHIP', 'VETERAN_STATUS', 'DISABILITY', 'HEALTH_INSURANCE'];
const SUBJECTIVE = [...OBJECTIVE, 'DETAILED_JOB_DESCRIPTION', 'BIG_FIVE_SCORES', 'DEFINING_QUIRKS', 'MANNERISMS', 'PERSONAL_TIME', 'LIFESTYLE', 'IDEOLOGY', 'POLITICAL_VIEWS', 'RELIGION', 'COGNITIVE_DIFFICULTY', 'ABILITY_TO_SPEAK_ENGLISH', 'VISION_DIFFICULTY', 'FERTILITY', 'HEARING_DIFFICULTY'];

interface ChatBody { model: string; messages: { role: string; content: string }[]; temperature: number; top_p: number; max_tokens: number; seed: number }

describe('persona methods: the persona ladder against the test server (meta → objective → subjective → descriptive)', function () {
  this.timeout(300_000);
  let server: OpenAiTestServer;
  let folder: ReturnType<typeof ladderFolder>;
  const runs: Record<string, SimulationResult> = {};
  const COUNT = 300;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true, logBodies: true });
    folder = ladderFolder();
    for (const rung of ['meta', 'objective', 'subjective', 'descriptive']) {
      runs[rung] = await simulateStudy(folder.survey, serverOptions(server, 'live', { personas: path.join(folder.dir, `ladder-${rung}.persona.yaml`), count: COUNT, analyze: false }));
    }
  });
  after(async () => {
    await server.close();
    folder.remove();
  });

  const recordsOf = (rung: string): MethodPersonaRecord[] => readJsonl<MethodPersonaRecord>(path.join(runs[rung]!.runDir, METHOD_PERSONAS_FILE));
  const generationBodies = (): ChatBody[] => server.log.filter((e) => e.body !== undefined && e.body.includes('persona generation')).map((e) => JSON.parse(e.body!) as ChatBody);

  it('meta personas: census-sampled, marginals within a chi-square tolerance of the tables, seed = spec seed + index, simulated as topic: value lines', () => {
    const meta = recordsOf('meta');
    assert.equal(meta.length, COUNT);
    meta.forEach((r, i) => {
      assert.equal(r.seed, 42 + i, 'persona i is drawn with seed 42 + i (the spec seed plus its index)');
      assert.deepEqual(Object.keys(r.meta!), ['AGE', 'SEX', 'STATE_NAME', 'EDUCATION'], 'joint table first, then the marginals in file order');
      assert.equal(r.text, `AGE: ${r.meta!.AGE}\nSEX: ${r.meta!.SEX}\nSTATE_NAME: ${r.meta!.STATE_NAME}\nEDUCATION: ${r.meta!.EDUCATION}`);
    });
    assert.ok(chiSquare(meta.map((r) => `${r.meta!.AGE}|${r.meta!.SEX}`), AGE_SEX) < CHI2_999[5]);
    assert.ok(chiSquare(meta.map((r) => r.meta!.STATE_NAME!), STATES) < CHI2_999[4]);
    assert.ok(chiSquare(meta.map((r) => r.meta!.EDUCATION!), EDUCATION) < CHI2_999[4]);
    // each meta persona was asked the survey as its text
    const simPrompts = server.log.filter((e) => e.body !== undefined && e.body.includes('presidential election in 2020')).map((e) => e.body!);
    for (const r of meta.slice(0, 20)) assert.ok(simPrompts.some((b) => b.includes(JSON.stringify(r.text).slice(1, -1))), `${r.id} was simulated with its own text`);
    assert.equal(runs.meta!.record.method, 'meta');
    assert.equal(runs.meta!.matching.method, 'none', 'meta personas are not matched to humans');
  });

  it('every LLM rung is generated from the same meta personas alone, with the exact prompt, T 0.8, top_p 0.9, max_tokens 1024, seed = index', () => {
    const meta = recordsOf('meta');
    const bodies = generationBodies();
    assert.equal(bodies.length, 3 * COUNT, 'one generation request per persona per LLM rung, none retried');
    for (const [rung, prompt, fields] of [['objective', TABULAR_PROMPT, OBJECTIVE], ['subjective', TABULAR_PROMPT, SUBJECTIVE], ['descriptive', DESCRIPTIVE_PROMPT, null]] as const) {
      const records = recordsOf(rung);
      assert.equal(records.length, COUNT);
      records.forEach((r, i) => {
        assert.equal(r.seed, i, 'generation seed = the persona index (Li et al.)');
        assert.deepEqual(r.meta, meta[i]!.meta, 'the same meta persona on every rung');
        const metaJson = JSON.stringify(meta[i]!.meta, null, 2);
        const body = bodies.find((b) => b.seed === i && b.messages[1]!.content.startsWith(prompt.split('{{meta}}')[0]!) && b.messages[1]!.content.includes(metaJson) && (fields === null ? !b.messages[1]!.content.includes('TEMPLATE') : b.messages[1]!.content.includes(`"${fields[fields.length - 1]!}"`)));
        assert.ok(body, `${rung} persona ${i}: a request with its meta persona`);
        assert.equal(body.model, 'meta-llama/Llama-3.1-70B-Instruct');
        assert.equal(body.temperature, 0.8);
        assert.equal(body.top_p, 0.9);
        assert.equal(body.max_tokens, 1024);
        assert.deepEqual(body.messages[0], { role: 'system', content: SYSTEM });
        if (fields === null) assert.equal(body.messages[1]!.content, prompt.replace('{{meta}}', metaJson));
        else {
          const user = body.messages[1]!.content;
          const head = prompt.replace('{{meta}}', metaJson).replace('{{template}}', '');
          assert.ok(user.startsWith(head), 'everything up to the template is the spec prompt with the meta persona as JSON');
          const template = JSON.parse(user.slice(head.length)) as Record<string, string>;
          assert.deepEqual(Object.keys(template), fields, 'the paper\'s field list, in order');
          assert.equal(template.EDUCATION, "<one of: Less than HS / HS Graduate / Some College / Bachelor's / Graduate Degree>");
          assert.equal(template.DISABILITY, '<one of: None / Physical / Mental / Both>');
          if (rung === 'subjective') assert.equal(template.POLITICAL_VIEWS, '<one of: Democrat / Republican / Independent / Other>');
          // the persona is what followed "Persona:", parsed as JSON, closed values checked
          assert.deepEqual(Object.keys(r.fields!), fields);
          assert.deepEqual(r.violations, []);
          assert.equal(r.text, JSON.stringify(r.fields));
        }
      });
    }
    for (const r of recordsOf('descriptive')) assert.match(r.text!, /^My name is /, 'the descriptive persona is the text after "Persona:"');
  });

  it('every rung answered the same survey, one answer per persona, and the run folders say which rung they hold', () => {
    for (const [rung, r] of Object.entries(runs)) {
      const csv = readCsv(r.answersPath);
      assert.deepEqual(csv[0], ['persona_id', 'vote2020']);
      assert.equal(csv.length - 1, COUNT);
      assert.equal(r.methodPersonas?.personas, COUNT);
      assert.equal(r.record.method, rung === 'meta' ? 'meta' : rung === 'descriptive' ? 'descriptive' : `${rung}-tabular`);
      assert.equal(r.record.seeds.personas, 42);
      const c = r.counts.vote2020!;
      assert.equal(c.answered + c.refused + c.nonCompliant + c.failed, COUNT);
    }
  });

  // Certified 2020 shares (examples/election/president-2020-by-state.csv, copied by hand): [Biden, Trump].
  const REAL: Record<string, [number, number]> = {
    Arizona: [0.493863, 0.490774], Georgia: [0.495162, 0.492317], Michigan: [0.505306, 0.478665], Pennsylvania: [0.499012, 0.488252], Wisconsin: [0.494541, 0.488304],
  };
  it('the outcome study across the four rungs: shares per state with invalid answers in the denominator, flips and lean as counted by hand', async () => {
    const survey = loadSurveySpec(folder.survey).spec;
    const rungs = ['meta', 'objective', 'subjective', 'descriptive'];
    const [report] = await runOutcomeStudies(survey, rungs.map((r) => runs[r]!.runDir));
    assert.ok(report);
    assert.deepEqual(Object.keys(report.methods), ['meta', 'objective-tabular', 'subjective-tabular', 'descriptive']);
    for (const rung of rungs) {
      const r = runs[rung]!;
      const method = r.record.method;
      // by hand: persona → state from method-personas.jsonl, persona → code from answers.csv (1 Biden, 2 Trump, empty invalid)
      const state = new Map(recordsOf(rung).map((p) => [p.id, p.meta!.STATE_NAME!]));
      const tally = new Map<string, { n: number; biden: number; trump: number }>();
      for (const row of readCsv(r.answersPath).slice(1)) {
        const t = tally.get(state.get(row[0]!)!) ?? { n: 0, biden: 0, trump: 0 };
        t.n++;
        if (row[1] === '1') t.biden++;
        if (row[1] === '2') t.trump++;
        tally.set(state.get(row[0]!)!, t);
      }
      const res: OutcomeStudyResult = report.methods[method]!;
      assert.equal(res.groups.length, tally.size);
      let flips = 0, leanSum = 0;
      for (const [st, t] of tally) {
        const g = res.groups.find((x) => x.group === st)!;
        assert.equal(g.n, t.n);
        assert.ok(Math.abs(g.shares['Joe Biden']! - t.biden / t.n) < 1e-12, `${method} ${st}: Biden share`);
        assert.ok(Math.abs(g.shares['Donald Trump']! - t.trump / t.n) < 1e-12, `${method} ${st}: Trump share`);
        assert.ok(Math.abs(g.invalid - (t.n - t.biden - t.trump) / t.n) < 1e-12);
        const [rb, rt] = REAL[st]!;
        assert.ok(Math.abs(g.error!['Joe Biden']! - (t.biden / t.n - rb)) < 1e-12);
        // Biden won all five states in 2020; a simulated Trump majority is a flip (a tie has no winner, no flip)
        if (t.trump > t.biden) flips++;
        leanSum += (t.biden - t.trump) / t.n - (rb - rt);
      }
      assert.equal(res.flips, flips, `${method}: flips`);
      assert.ok(Math.abs(res.lean! - leanSum / tally.size) < 1e-12, `${method}: lean`);
      assert.equal(report.ungrouped[method], 0);
    }
    // analyze of this survey (no human data) finds the same four runs on its own
    const found = await outcomeStudiesWithoutHumans(folder.survey);
    assert.deepEqual(Object.fromEntries(Object.entries(found![0]!.methods).sort()), Object.fromEntries(Object.entries(report.methods).sort()));
    // printed with the four rungs side by side; the drift warning exactly when descriptive leans further than meta
    const text = formatOutcomeStudy(report);
    assert.match(text, /^outcome study: vote2020 by STATE_NAME against \.\.\/election\/president-2020-by-state\.csv/);
    assert.match(text, /\tmeta\tobjective-tabular\tsubjective-tabular\tdescriptive\n/);
    for (const m of Object.keys(report.methods)) assert.match(text, new RegExp(`\\n  ${m}: ${report.methods[m]!.flips} of ${report.methods[m]!.compared} groups flipped`));
    assert.equal(/warning: the lean towards Joe Biden grows/.test(text), report.methods.descriptive!.lean! > report.methods.meta!.lean!);
  });

  it('the drift warning: given only when the lean grows from the least to the most LLM-written rung measured', () => {
    const at = (lean: number | null): OutcomeStudyResult => ({ groups: [], compared: 0, flips: 0, meanAbsError: null, lean });
    const base = { question: 'q', group: 'g', table: 't', lean: { toward: 'A', against: 'B' }, ungrouped: {} };
    assert.match(leanDriftWarning({ ...base, methods: { meta: at(0.01), descriptive: at(0.12) } })!, /meta \+1\.0 pts → descriptive \+12\.0 pts/);
    assert.equal(leanDriftWarning({ ...base, methods: { meta: at(0.05), descriptive: at(0.01) } }), undefined);
    assert.equal(leanDriftWarning({ ...base, methods: { descriptive: at(0.2) } }), undefined, 'one rung: nothing to compare');
    assert.equal(leanDriftWarning({ ...base, methods: { meta: at(null), descriptive: at(0.2) } }), undefined, 'an unmeasured lean is not a lean');
  });

  it('a rung whose answers lack the response prefix records every failure and simulates nobody', async () => {
    const spec = path.join(folder.dir, 'ladder-descriptive.persona.yaml');
    fs.writeFileSync(spec, `${fs.readFileSync(spec, 'utf8')}\n  response_prefix: "Profile:"\n`);
    // the personas file of the earlier run was made with other settings: an error naming it, never used in their place
    const options = { ...serverOptions(server, 'live', { personas: spec, count: 5, analyze: false }), runDir: path.join(folder.dir, 'runs', 'noprefix') };
    await assert.rejects(simulateStudy(folder.survey, options), (e: unknown) => PipelineError.is(e, 'config') && /ladder-descriptive\.personas\.jsonl was made with other settings .*; delete it to make the personas again/.test(e.message));
    fs.rmSync(path.join(folder.dir, 'ladder-descriptive.personas.jsonl'));
    fs.rmSync(path.join(folder.dir, 'runs', 'ladder-descriptive', 'generate'), { recursive: true });
    const r = await simulateStudy(folder.survey, options);
    const records = readJsonl<MethodPersonaRecord>(path.join(r.runDir, METHOD_PERSONAS_FILE));
    assert.equal(records.length, 5);
    for (const rec of records) assert.deepEqual({ text: rec.text, reason: rec.failure?.reason }, { text: null, reason: 'noPrefix' });
    assert.equal(r.methodPersonas?.failed, 5);
    assert.equal(readCsv(r.answersPath).length, 1, 'no persona, no answer row');
  });
});
