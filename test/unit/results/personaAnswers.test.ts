import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisQuestion, AnalysisReport } from '../../../src/core/pipelines/analysis/analysisReport';
import { loadPersonaAnswers } from '../../../src/core/results/loadPersonaAnswers';
import { metricTable } from '../../../src/core/results/metricTable';
import { pairedMeanAbsDeviation, personaDetail, personaPage, type PersonaAnswersData } from '../../../src/core/results/personaAnswers';
import { ResultsError } from '../../../src/core/results/resultsError';
import { handleResultsMessage, type ResultsHostActions, type ResultsSource } from '../../../src/extension/webviews/results/resultsHandler';
import { resultsResultGuards } from '../../../src/protocol/resultsPanel';
import { personaSortKeys } from '../../../src/core/results/personaSortIndex';
import { bfiAnalysis } from '../../fixtures/analysis/bfiAnalysis';
import { largePersonas } from '../../fixtures/analysis/largePersonas';
import { writeBfiRunFolder } from '../../fixtures/analysis/bfiRunFolder';

const repo = path.join(__dirname, '..', '..', '..');
const questions: AnalysisQuestion[] = [
  { id: 'q1', text: 'One', options: ['low', 'mid', 'high'], codes: [1, 2, 3] },
  { id: 'q2', text: 'Two', options: ['low', 'mid', 'high'], codes: [1, 2, 3] },
  { id: 'q3', text: 'Three', options: ['no', 'yes'], codes: [0, 1] },
];
/** Two personas: p1 matched to respondent h1, p2 to nobody. Human h1 answered q1 = 3, q2 = 2, q3 missing. */
const data: PersonaAnswersData = {
  method: 'sim',
  personas: [
    { personaId: 'p1', backstoryId: 'b1', humanId: 'h1', answers: { q1: { status: 'answered', code: 1 }, q2: { status: 'answered', code: 2 }, q3: { status: 'refused' } } },
    { personaId: 'p2', backstoryId: 'b2', answers: { q1: { status: 'non-compliant' }, q2: { status: 'answered', code: 3 } } },
  ],
  human: { index: new Map([['h1', 0]]), codeOf: (_row, q) => ({ q1: 3, q2: 2, q3: NaN } as Record<string, number>)[q] ?? NaN },
  humanNote: null,
  source: 'text',
  texts: new Map([['b1', '<script>alert(1)</script> persona one'], ['b2', null]]),
};

describe('persona answers for the results panel (pure)', () => {
  it('mean absolute deviation over the questions both answered', () => {
    // |1 − 2| + |3 − 3| over the 2 questions both answered = 0.5 (hand computation); NaN on either side is skipped
    assert.deepEqual(pairedMeanAbsDeviation([1, 3, NaN, 5], [2, 3, 4, NaN]), { mad: 0.5, paired: 2 });
    assert.deepEqual(pairedMeanAbsDeviation([NaN], [1]), { mad: null, paired: 0 });
  });

  it('counts answered, refused, non-compliant and unrecorded answers, and pairs with the matched human', () => {
    const page = personaPage(data, questions, { filter: '', sortBy: 'order', descending: false, offset: 0, limit: 10 });
    assert.equal(page.total, 2);
    const [p1, p2] = page.rows;
    // p1: q1 |1 − 3| = 2, q2 |2 − 2| = 0 → MAD 1 over 2 questions (q3 refused, human missing)
    assert.deepEqual(p1, { id: 'p1', backstoryId: 'b1', human: 'h1', answered: 2, refused: 1, nonCompliant: 0, failed: 0, mad: 1, paired: 2 });
    // p2: q3 has no record at all: counted as failed, never as an answer
    assert.deepEqual(p2, { id: 'p2', backstoryId: 'b2', human: null, answered: 1, refused: 0, nonCompliant: 1, failed: 1, mad: null, paired: 0 });
  });

  it('sorts by MAD with unpaired personas last, filters and pages', () => {
    const byMad = personaPage(data, questions, { filter: '', sortBy: 'mad', descending: true, offset: 0, limit: 10 });
    assert.deepEqual(byMad.rows.map((r) => r.id), ['p1', 'p2']);
    const asc = personaPage(data, questions, { filter: '', sortBy: 'mad', descending: false, offset: 0, limit: 10 });
    assert.deepEqual(asc.rows.map((r) => r.id), ['p1', 'p2'], 'null stays last either way');
    assert.deepEqual(personaPage(data, questions, { filter: 'H1', sortBy: 'order', descending: false, offset: 0, limit: 10 }).rows.map((r) => r.id), ['p1']);
    const second = personaPage(data, questions, { filter: '', sortBy: 'order', descending: false, offset: 1, limit: 1 });
    assert.deepEqual([second.total, second.rows.map((r) => r.id)], [2, ['p2']]);
  });

  it('sorted pages from the cached sort keys equal a full sort of every row (ties in file order, unmeasured last)', () => {
    const { data: big, questions: qs } = largePersonas(700, 12, 7);
    // the reference: every persona's row built and stably sorted, as the list was sorted before the cache
    const all = personaPage(big, qs, { filter: '', sortBy: 'order', descending: false, offset: 0, limit: 700 }).rows;
    assert.equal(all.length, 700);
    for (const sortBy of ['mad', 'refused'] as const) {
      for (const descending of [true, false]) {
        for (const filter of ['', '1']) {
          const picked = all.filter((r) => filter === '' || r.id.includes(filter) || r.backstoryId.includes(filter) || (r.human ?? '').includes(filter));
          const key = (r: typeof all[number]): number | null => (sortBy === 'mad' ? r.mad : r.refused + r.nonCompliant + r.failed);
          const expected = [...picked].sort((a, b) => {
            const x = key(a), y = key(b);
            if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
            return descending ? y - x : x - y;
          });
          for (const offset of [0, 37, 690]) {
            const page = personaPage(big, qs, { filter, sortBy, descending, offset, limit: 25 });
            assert.equal(page.total, picked.length);
            assert.deepEqual(page.rows, expected.slice(offset, offset + 25), `${sortBy} ${descending ? 'desc' : 'asc'} filter "${filter}" offset ${offset}`);
          }
        }
      }
    }
    assert.ok(all.some((r) => r.mad === null), 'the fixture has unpaired personas');
    // computed once per (personas, questions, sort): the same array on every request
    const rowOf = (): never => assert.fail('the sort keys were computed again');
    assert.equal(personaSortKeys(big, qs, 'mad', rowOf), personaSortKeys(big, qs, 'mad', rowOf));
  });

  it('details: canonical labels, the human answer, refusals as statuses, the persona text as it is', () => {
    const d = personaDetail(data, questions, 'p1')!;
    assert.deepEqual(d.answers.map((a) => [a.question, a.status, a.code, a.label, a.humanCode, a.humanLabel]), [
      ['q1', 'answered', 1, 'low', 3, 'high'],
      ['q2', 'answered', 2, 'mid', 2, 'mid'],
      ['q3', 'refused', null, null, null, null],
    ]);
    assert.equal(d.text, '<script>alert(1)</script> persona one', 'untrusted text is data: the page inserts it as text');
    assert.equal(personaDetail(data, questions, 'nobody'), undefined);
  });

  it('an exact distribution (n = 0) is marked exact, a simulation never', () => {
    const report = bfiAnalysis({ replicates: 0, splits: 2 });
    const exact: AnalysisReport = { ...report, methods: { ...report.methods, uniform: { ...report.methods.uniform!, n: 0 } } };
    const rows = metricTable(exact).rows;
    assert.equal(rows.find((r) => r.method === 'uniform')!.exact, true);
    assert.equal(rows.find((r) => r.method === 'drifted-sim')!.exact, false);
    assert.equal(metricTable(report).rows.find((r) => r.method === 'uniform')!.exact, false, 'the fixture’s sampled uniform has n = 2800');
  });
});

describe('persona answers read from a run folder (bfi fixture)', function () {
  this.timeout(60_000);
  let folder: string;
  let runDir: string;
  let report: AnalysisReport;
  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'ps-personas-'));
    mkdirSync(path.join(folder, 'bfi'));
    mkdirSync(path.join(folder, 'data'));
    mkdirSync(path.join(folder, 'personas'));
    for (const f of ['us-adults.persona.yaml', 'us-adults-qa.persona.yaml']) copyFileSync(path.join(repo, 'examples', 'personas', f), path.join(folder, 'personas', f));
    copyFileSync(path.join(repo, 'examples', 'bfi', 'bfi.survey.yaml'), path.join(folder, 'bfi', 'bfi.survey.yaml'));
    copyFileSync(path.join(repo, 'examples', 'data', 'bfi.csv'), path.join(folder, 'data', 'bfi.csv'));
    runDir = writeBfiRunFolder(folder, { personas: true, replicates: 0, splits: 2 });
    report = JSON.parse(readFileSync(path.join(runDir, 'analysis.json'), 'utf8')) as AnalysisReport;
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('pairs every persona with the respondent it was drawn from', async () => {
    const d = await loadPersonaAnswers('drifted-sim', runDir);
    assert.equal(d.personas.length, 2800);
    assert.equal(d.humanNote, null);
    assert.equal(d.source, 'backstory');
    assert.equal(path.basename(d.backstoriesFile!), 'fixture.backstories.jsonl');
    // fixture design: a persona answers its respondent's code or one higher (capped at 6), so every paired
    // difference is 0 or +1: any misalignment of the human lookup would show larger differences
    for (const p of d.personas.slice(0, 200)) {
      const det = personaDetail(d, report.survey.questions, p.personaId)!;
      for (const a of det.answers) {
        if (a.code === null || a.humanCode === null) continue;
        assert.ok(a.code - a.humanCode === 0 || a.code - a.humanCode === 1, `${p.personaId} ${a.question}: ${a.code} vs ${a.humanCode}`);
      }
      assert.ok(det.row.mad === null || (det.row.mad >= 0 && det.row.mad <= 1));
    }
  });

  it('answers the Personas requests through the protocol, guards passing on the page side', async () => {
    const src: ResultsSource = { spec: 'file:///w/bfi.survey.yaml', specName: 'bfi.survey.yaml', runId: path.basename(runDir), report };
    const opened: [string, string][] = [];
    const actions: ResultsHostActions = {
      reveal: async () => true, save: async () => true, state: () => undefined,
      personas: (method, rel) => loadPersonaAnswers(method, path.resolve(folder, 'bfi', rel)),
      showBackstory: async (file, id) => { opened.push([path.basename(file), id]); return true; },
      comparison: async () => ({ runs: [] }), addRun: async () => ({ runs: [] }), removeRun: async () => ({ runs: [] }),
    };
    const ask = (method: string, params: unknown) => handleResultsMessage(() => src, actions, { v: 1, type: 'request', id: 1, method, params });
    const page = await ask('personas/page', { method: 'drifted-sim', sortBy: 'mad', descending: true, filter: '', offset: 0, limit: 20 });
    assert.ok(page?.ok && resultsResultGuards['personas/page'](page.result), JSON.stringify(page).slice(0, 300));
    assert.equal(page.result.rows.length, 20);
    assert.ok(page.result.rows[0]!.mad! >= page.result.rows[19]!.mad!);
    const id = page.result.rows[0]!.id;
    const detail = await ask('persona/detail', { method: 'drifted-sim', id });
    assert.ok(detail?.ok && resultsResultGuards['persona/detail'](detail.result));
    assert.equal(detail.result.answers.length, 25);
    const shown = await ask('persona/backstory', { method: 'drifted-sim', id });
    assert.ok(shown?.ok && shown.result === true);
    assert.deepEqual(opened, [['fixture.backstories.jsonl', detail.result.row.backstoryId]]);
    const baseline = await ask('personas/page', { method: 'uniform', sortBy: 'order', descending: false, filter: '', offset: 0, limit: 5 });
    assert.equal(baseline && !baseline.ok && baseline.error.reason, 'no-personas');
    const nobody = await ask('persona/detail', { method: 'drifted-sim', id: 'nobody' });
    assert.equal(nobody && !nobody.ok && nobody.error.reason, 'unknown-persona');
    const bad = await ask('personas/page', { method: 'drifted-sim', sortBy: 'shell', descending: false, filter: '', offset: 0, limit: 5 });
    assert.equal(bad && !bad.ok && bad.error.reason, 'bad-params');
  });

  it('a method without backstories (qa) shows the persona text from method-personas.jsonl', async () => {
    const dir = path.join(folder, 'bfi', 'runs', 'bfi', '20261202-000000-qa');
    mkdirSync(dir, { recursive: true });
    const record = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...record, id: path.basename(dir), method: 'qa', personaSpec: { path: '../../../../personas/us-adults-qa.persona.yaml', hash: 'x' } }));
    writeFileSync(path.join(dir, 'personas.jsonl'), `${JSON.stringify({ personaId: 'h:61617', backstoryId: 'h:61617', humanId: '61617', answers: { A1: { status: 'answered', code: 2 } } })}\n`);
    writeFileSync(path.join(dir, 'method-personas.jsonl'), `${JSON.stringify({ id: 'h:61617', method: 'qa', seed: 1, humanId: '61617', text: 'Question: What is your age?\nAnswer: 18-29' })}\n{broken\n`);
    const d = await loadPersonaAnswers('qa', dir);
    assert.equal(d.source, 'text');
    assert.equal(d.backstoriesFile, undefined);
    const det = personaDetail(d, report.survey.questions, 'h:61617')!;
    assert.equal(det.text, 'Question: What is your age?\nAnswer: 18-29');
    // respondent 61617 answered A1 = 2 in the bfi data (examples/data/bfi.csv, first row)
    assert.deepEqual([det.answers[0]!.code, det.answers[0]!.humanCode], [2, 2]);
    assert.equal(det.answers[1]!.status, 'missing', 'a question with no record is not an answer');
  });

  it('a run folder without personas.jsonl is a no-personas error', async () => {
    await assert.rejects(loadPersonaAnswers('x', folder), (e: unknown) => ResultsError.is(e, 'no-personas'));
  });
});
