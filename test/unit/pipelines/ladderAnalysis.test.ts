// analyze on personas that are not paired with respondents: the persona ladder's four rungs (meta personas and the three
// LLM-written ones) simulated against the test server on the election example, given a small human sample, then
// measured against it. Every metric that compares distributions needs no pairing and is checked below against a hand
// computation from the run's answers.csv and the human CSV (formulas of docs/metrics.md §3.1–3.3, written out here);
// subgroups use the personas' own census fields; a variable they do not carry is null with its reason.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeStudy } from '../../../src/core/pipelines/analysis/analyzeStudy';
import type { MethodMetrics } from '../../../src/core/pipelines/analysis/analysisReport';
import type { MethodPersonaRecord } from '../../../src/core/pipelines/personaMethods/methodPersona';
import { METHOD_PERSONAS_FILE, simulateStudy, type SimulationResult } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { readJsonl, serverOptions } from './studyFixture';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

// A SYNTHETIC human sample written for this test (not survey data): 12 respondents, the example's vote question, two
// 4-point questions forming a scale, and their state, sex and party.
const HUMANS = [
  'id,vote2020,trust,interest,STATE_NAME,SEX,PARTY',
  '1,1,3,4,Pennsylvania,Female,D',
  '2,2,2,2,Pennsylvania,Male,R',
  '3,1,4,3,Pennsylvania,Female,D',
  '4,2,1,2,Georgia,Male,R',
  '5,1,3,,Georgia,Female,I',
  '6,2,2,1,Georgia,Male,R',
  '7,1,,3,Michigan,Female,D',
  '8,1,4,4,Michigan,Male,D',
  '9,2,1,1,Wisconsin,Female,R',
  '10,1,3,3,Wisconsin,Male,I',
  '11,2,2,3,Arizona,Female,R',
  '12,1,3,2,Arizona,Male,D',
];
const QUESTIONS = `    codes: [1, 2]
  - id: trust
    text: How much of the time do you trust the federal government to do what is right?
    options: [Never, Some of the time, Most of the time, Always]
    codes: [1, 2, 3, 4]
  - id: interest
    text: How interested are you in politics?
    options: [Not at all, Not very, Somewhat, Very]
    codes: [1, 2, 3, 4]
scales:
  engagement: { items: [trust, interest] }
human:
  data: humans.csv
  id: id
  demographics:
    STATE_NAME: { column: STATE_NAME }
    SEX: { column: SEX }
    PARTY: { column: PARTY }
metrics:
  bootstrap: 0
  subgroups: [STATE_NAME, SEX, PARTY]
`;

type Column = (number | null)[];

/** Shares of each code among the non-missing answers. */
function shares(col: Column, codes: readonly number[]): number[] {
  const valid = col.filter((v): v is number => v !== null);
  return codes.map((c) => valid.filter((v) => v === c).length / valid.length);
}
/** WD on codes (docs/metrics.md §3.1): Σ_k |Σ_{l≤k}(p_l − q_l)| · (c_{k+1} − c_k). */
function wd(p: number[], q: number[], codes: readonly number[]): number {
  let cum = 0;
  let out = 0;
  for (let k = 0; k < codes.length - 1; k++) {
    cum += p[k]! - q[k]!;
    out += Math.abs(cum) * (codes[k + 1]! - codes[k]!);
  }
  return out;
}
/** Jensen–Shannon divergence, base 2: ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, 0·log 0 = 0. */
function jsd(p: number[], q: number[]): number {
  const kl = (a: number[], m: number[]): number => a.reduce((s, x, i) => (x > 0 ? s + x * Math.log2(x / m[i]!) : s), 0);
  const m = p.map((x, i) => (x + q[i]!) / 2);
  return kl(p, m) / 2 + kl(q, m) / 2;
}
const tv = (p: number[], q: number[]): number => p.reduce((s, x, i) => s + Math.abs(x - q[i]!), 0) / 2;
const mean = (col: Column): number => {
  const v = col.filter((x): x is number => x !== null);
  return v.reduce((a, b) => a + b, 0) / v.length;
};
/** Pairwise-complete Pearson with both means over the shared rows (§3.2); NaN when a side is constant. */
function pearson(x: Column, y: Column): number {
  const rows = x.map((_, i) => i).filter((i) => x[i] !== null && y[i] !== null);
  const mx = rows.reduce((s, i) => s + x[i]!, 0) / rows.length;
  const my = rows.reduce((s, i) => s + y[i]!, 0) / rows.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (const i of rows) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
/** Pairwise sample covariance, ddof 1 (§3.3). */
function cov(x: Column, y: Column): number {
  const rows = x.map((_, i) => i).filter((i) => x[i] !== null && y[i] !== null);
  const mx = rows.reduce((s, i) => s + x[i]!, 0) / rows.length;
  const my = rows.reduce((s, i) => s + y[i]!, 0) / rows.length;
  return rows.reduce((s, i) => s + (x[i]! - mx) * (y[i]! - my), 0) / (rows.length - 1);
}
/** psych raw alpha of two items: (1 − tr C / ΣC) · k/(k−1), k = 2. */
function alpha2(a: Column, b: Column): number {
  const c = [[cov(a, a), cov(a, b)], [cov(b, a), cov(b, b)]];
  return (1 - (c[0]![0]! + c[1]![1]!) / (c[0]![0]! + c[0]![1]! + c[1]![0]! + c[1]![1]!)) * 2;
}

function parseColumns(file: string, names: readonly string[]): { ids: string[]; cols: Record<string, Column>; text: Record<string, string[]> } {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  const at = (n: string): number => header!.indexOf(n);
  const cols: Record<string, Column> = {};
  for (const n of names) cols[n] = rows.map((r) => (r[at(n)] === '' ? null : Number(r[at(n)])));
  const text: Record<string, string[]> = {};
  for (const n of header!) text[n] = rows.map((r) => r[at(n)]!);
  return { ids: rows.map((r) => r[0]!), cols, text };
}

describe('analyze: persona ladder runs without respondents, against human data (test server)', function () {
  this.timeout(300_000);
  let server: OpenAiTestServer;
  let root = '';
  let survey = '';
  const runs: Record<string, SimulationResult> = {};
  let methods: Readonly<Record<string, MethodMetrics>> = {};
  let reasons: Readonly<Record<string, string>> = {};
  let baselinesDir = '';
  const Q = ['vote2020', 'trust', 'interest'];
  const CODES: Record<string, number[]> = { vote2020: [1, 2], trust: [1, 2, 3, 4], interest: [1, 2, 3, 4] };
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-ladder-analysis-'));
    const dir = path.join(root, 'ladder');
    fs.cpSync(path.join(examples, 'ladder'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) && !src.endsWith('.personas.jsonl') });
    fs.cpSync(path.join(examples, 'election'), path.join(root, 'election'), { recursive: true });
    survey = path.join(dir, 'election-2020.survey.yaml');
    const text = fs.readFileSync(survey, 'utf8');
    assert.ok(text.includes('    codes: [1, 2]\n'));
    fs.writeFileSync(survey, text.replace('    codes: [1, 2]\n', QUESTIONS));
    fs.writeFileSync(path.join(dir, 'humans.csv'), `${HUMANS.join('\n')}\n`);
    for (const rung of ['meta', 'objective', 'subjective', 'descriptive']) {
      runs[rung] = await simulateStudy(survey, serverOptions(server, 'live', { personas: path.join(dir, `ladder-${rung}.persona.yaml`), count: 24, analyze: false }));
    }
    const a = await analyzeStudy(survey);
    baselinesDir = a.runDir;
    methods = a.analysis.methods;
    reasons = a.analysis.reasons;
  });
  after(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const close = (actual: number | null | undefined, expected: number, what: string): void => {
    assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} vs hand ${expected}`);
  };

  for (const [rung, method] of [['meta', 'meta'], ['objective', 'objective-tabular'], ['subjective', 'subjective-tabular'], ['descriptive', 'descriptive']] as const) {
    it(`${method}: WD, JSD, TV, drift, refusal rate, correlations, Frobenius and alpha as computed by hand`, () => {
      const h = parseColumns(path.join(path.dirname(survey), 'humans.csv'), Q).cols;
      const s = parseColumns(runs[rung]!.answersPath, Q).cols;
      const m = methods[method]!;
      assert.ok(m, `${method} is analysed`);
      assert.equal(m.n, s.vote2020!.length);
      for (const q of Q) {
        const p = shares(h[q]!, CODES[q]!);
        const r = shares(s[q]!, CODES[q]!);
        close(m.wd[q], wd(p, r, CODES[q]!), `${method} WD ${q}`);
        close(m.jsd[q], jsd(p, r), `${method} JSD ${q}`);
        close(m.tv[q], tv(p, r), `${method} TV ${q}`);
        close(m.drift[q], mean(s[q]!) - mean(h[q]!), `${method} drift ${q}`);
        close(m.refusal_rate[q], s[q]!.filter((v) => v === null).length / s[q]!.length, `${method} refusal ${q}`);
        m.distributions[q]!.forEach((x, k) => close(x, r[k]!, `${method} share ${q} ${CODES[q]![k]}`));
      }
      close(m.wd_mean, Q.reduce((a, q) => a + m.wd[q]!, 0) / Q.length, `${method} mean WD`);
      // correlations of the simulated answers and their Frobenius distance to the humans' (full matrix, both triangles)
      let sum = 0;
      for (let i = 0; i < Q.length; i++) {
        for (let j = 0; j < Q.length; j++) {
          if (i === j) continue;
          const rs = pearson(s[Q[i]!]!, s[Q[j]!]!);
          const rh = pearson(h[Q[i]!]!, h[Q[j]!]!);
          close(m.correlation.matrix[i]![j], rs, `${method} r(${Q[i]}, ${Q[j]})`);
          sum += (rs - rh) ** 2;
        }
      }
      close(m.frobenius, Math.sqrt(sum), `${method} Frobenius`);
      close(m.alpha.engagement, alpha2(s.trust!, s.interest!), `${method} alpha`);
    });
  }

  it('individual agreement, the one metric that needs pairing: null with its reason for every rung; by hand for the demographic-cell baseline', () => {
    for (const method of ['meta', 'objective-tabular', 'subjective-tabular', 'descriptive', 'uniform', 'ensemble']) {
      const m = methods[method]!;
      assert.equal(m.agreement_mean, null, method);
      assert.deepEqual(m.agreement, { vote2020: null, trust: null, interest: null }, method);
      assert.ok(reasons[`methods.${method}.agreement`] && reasons[`methods.${method}.agreement_mean`], `${method}: the reason is given`);
    }
    assert.match(reasons['methods.meta.agreement']!, /not paired with respondents/);
    // demographic-cell: each row stands for the respondent in its `respondent` column (its donor's answers)
    const h = parseColumns(path.join(path.dirname(survey), 'humans.csv'), Q);
    const cell = parseColumns(path.join(baselinesDir, 'answers.csv'), Q);
    const m = methods['demographic-cell']!;
    const per = Q.map((q) => {
      let same = 0, both = 0;
      cell.text.respondent!.forEach((id, i) => {
        const hv = h.cols[q]![h.ids.indexOf(id)]!;
        const sv = cell.cols[q]![i]!;
        if (hv === null || sv === null) return;
        both++;
        if (hv === sv) same++;
      });
      return same / both;
    });
    Q.forEach((q, j) => close(m.agreement![q], per[j]!, `demographic-cell agreement ${q}`));
    close(m.agreement_mean, per.reduce((a, b) => a + b, 0) / per.length, 'demographic-cell mean agreement');
  });

  it('subgroups use the personas\' own census fields (STATE_NAME, SEX); PARTY, which they do not carry, is null with its reason', () => {
    const h = parseColumns(path.join(path.dirname(survey), 'humans.csv'), Q);
    for (const [rung, method] of [['meta', 'meta'], ['descriptive', 'descriptive']] as const) {
      const m = methods[method]!;
      assert.equal(m.subgroups_by, 'persona');
      const s = parseColumns(runs[rung]!.answersPath, Q);
      const own = new Map(readJsonl<MethodPersonaRecord>(path.join(runs[rung]!.runDir, METHOD_PERSONAS_FILE)).map((r) => [r.id, r.meta!]));
      for (const variable of ['STATE_NAME', 'SEX']) {
        const groups = m.subgroups![variable]!;
        assert.ok(Object.keys(groups).length > 0, `${method} ${variable}: some groups compared`);
        for (const group of new Set(h.text[variable]!)) {
          const hr = h.text[variable]!.map((c, i) => (c === group ? i : -1)).filter((i) => i >= 0);
          const sr = s.ids.map((id, i) => (own.get(id)![variable] === group ? i : -1)).filter((i) => i >= 0);
          const gp = `methods.${method}.subgroups.${variable}.${group}`;
          if (sr.length < 2) {
            assert.equal(groups[group], undefined);
            assert.match(reasons[gp]!, /too few rows to compare/);
            continue;
          }
          const g = groups[group]!;
          assert.deepEqual([g.n_human, g.n], [hr.length, sr.length], `${gp}: rows`);
          // the group's mean WD by hand, over questions with answers on both sides
          const per = Q.map((q) => {
            const hc = hr.map((i) => h.cols[q]![i]!);
            const sc = sr.map((i) => s.cols[q]![i]!);
            return hc.some((v) => v !== null) && sc.some((v) => v !== null) ? wd(shares(hc, CODES[q]!), shares(sc, CODES[q]!), CODES[q]!) : NaN;
          }).filter((x) => !Number.isNaN(x));
          close(g.wd_mean, per.reduce((a, b) => a + b, 0) / per.length, `${gp}: mean WD`);
          close(g.drift.vote2020, mean(sr.map((i) => s.cols.vote2020![i]!)) - mean(hr.map((i) => h.cols.vote2020![i]!)), `${gp}: drift`);
        }
      }
      assert.equal(m.subgroups!.PARTY, undefined);
      assert.match(reasons[`methods.${method}.subgroups.PARTY`]!, /the personas carry no PARTY of their own and are not paired with respondents/);
    }
    // the baselines stand for respondents: their subgroups are the respondents'
    assert.equal(methods['demographic-cell']!.subgroups_by, 'respondent');
    assert.ok(methods['demographic-cell']!.subgroups!.PARTY);
  });
});
