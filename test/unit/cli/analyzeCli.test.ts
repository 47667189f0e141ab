// `persona-studio analyze` and `report` through the built binary, on the bfi example pointed at the in-repo data copy.
// Expected values: test/fixtures/data/bfi/expected.json (numpy/scipy and R, data/README.md §4). Tolerance 1e-9.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureExpected, fixtureSurveySpec } from '../pipelines/fixtureSpecs';

const root = path.resolve(__dirname, '../../..');
const cli = (args: string[], cwd = root): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } =>
  spawnSync(process.execPath, [path.join(root, 'bin/persona-studio.js'), ...args], { cwd, encoding: 'utf8' }) as never;

describe('cli: analyze and report (built binary)', function () {
  this.timeout(240_000);
  let spec = '';
  before(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, `build failed: ${b.stderr}`);
    spec = fixtureSurveySpec('bfi');
  });

  it('analyze --json: both baselines against the human data with the bounds of expected.json; a baselines run folder', () => {
    const r = cli(['analyze', spec, '--json', '--bootstrap', '20', '--seed', '3']);
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as {
      human: { n: number; alpha: Record<string, number>; bounds: { splits: number; rule: string; wd_mean: number; frobenius: number; alpha_abs_diff: Record<string, number> } };
      methods: Record<string, { n: number; wd: Record<string, number>; wd_mean: number; frobenius: number; alpha: Record<string, number>; drift: Record<string, number>; refusal_rate: Record<string, number>; intervals?: { resamples: number } }>;
    };
    const expected = fixtureExpected('bfi').split_half.mean;
    assert.equal(got.human.n, 2800);
    assert.deepEqual([got.human.bounds.splits, got.human.bounds.rule], [100, 'sha256']);
    assert.ok(Math.abs(got.human.bounds.wd_mean - expected.wd_mean) <= 1e-9);
    assert.ok(Math.abs(got.human.bounds.frobenius - expected.frobenius) <= 1e-9);
    assert.ok(Math.abs(got.human.bounds.alpha_abs_diff['A']! - expected.alpha_abs_diff['agreeableness']!) <= 1e-9);
    assert.deepEqual(Object.keys(got.methods), ['uniform', 'demographic-cell']);
    const dc = got.methods['demographic-cell']!;
    assert.equal(dc.n, 2800);
    assert.equal(dc.intervals?.resamples, 20);
    for (const key of ['wd', 'drift', 'refusal_rate'] as const) assert.equal(Object.keys(dc[key]).length, 25);
    const runs = path.join(path.dirname(spec), 'runs', 'bfi');
    const [runId] = readdirSync(runs);
    assert.match(runId!, /^\d{8}-\d{6}-baselines$/);
    for (const f of ['run.json', 'answers.csv', 'analysis.json', 'metrics.csv', 'report.md', 'report.json']) assert.ok(existsSync(path.join(runs, runId!, f)), f);
    const answers = readFileSync(path.join(runs, runId!, 'answers.csv'), 'utf8').split('\n');
    assert.equal(answers[0], `persona_id,respondent,${['A', 'C', 'E', 'N', 'O'].flatMap((s) => [1, 2, 3, 4, 5].map((i) => `${s}${i}`)).join(',')}`);
    assert.equal(answers.length, 2802); // header, 2800 rows, final newline
    const report = readFileSync(path.join(runs, runId!, 'report.md'), 'utf8');
    assert.match(report, /SYNTHETIC DATA/);
    assert.match(report, /^\| uniform \| exact \|/m, 'the exact uniform distribution has no persona count (not n = 0)');
    assert.match(report, /^\| demographic-cell \| 2800 \|/m);
    // the same seed gives the same baseline answers
    const again = cli(['analyze', spec, '--json', '--bootstrap', '0', '--seed', '3']);
    assert.equal(again.status, 0, again.stderr);
    const second = readdirSync(runs).filter((id) => id !== runId);
    assert.equal(second.length, 1);
    assert.equal(readFileSync(path.join(runs, second[0]!, 'answers.csv'), 'utf8'), answers.join('\n'));

    // the text table: the uniform baseline is exact, not a count of 0
    const text = cli(['analyze', path.join(runs, runId!), '--bootstrap', '0']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^uniform\s+exact\s/m);

    // a run folder with answers is found and analysed as a simulation method; report rewrites its methods report
    const rep = cli(['report', path.join(runs, runId!)]);
    assert.equal(rep.status, 0, rep.stderr);
    assert.match(rep.stdout, /^# Methods report: Big Five Inventory/);
    assert.match(rep.stdout, /Calls, tokens and cost/);

    // a simulation run folder with answers is found and analysed beside the baselines (two runs → an ensemble too)
    for (const [id, method] of [['20990101-000000-sim', 'anthology-greedy'], ['20990101-000001-sim', 'anthology-maxweight']] as const) {
      const dir = path.join(runs, id);
      mkdirSync(dir);
      copyFileSync(path.join(runs, runId!, 'answers.csv'), path.join(dir, 'answers.csv'));
      const record = { ...JSON.parse(readFileSync(path.join(runs, runId!, 'run.json'), 'utf8')) as object, id, kind: 'simulation', method, model: 'test-model' };
      writeFileSync(path.join(dir, 'run.json'), JSON.stringify(record));
    }
    const withRuns = cli(['analyze', spec, '--json', '--bootstrap', '0', '--seed', '3']);
    assert.equal(withRuns.status, 0, withRuns.stderr);
    const methods = (JSON.parse(withRuns.stdout) as { methods: Record<string, { kind: string; wd_mean: number; subgroups?: object }> }).methods;
    assert.deepEqual(Object.keys(methods), ['uniform', 'demographic-cell', 'anthology-greedy', 'anthology-maxweight', 'ensemble']);
    // the simulated runs hold the demographic-cell answers of the same seed: identical metrics, subgroups via `respondent`
    assert.equal(methods['anthology-greedy']!.wd_mean, methods['demographic-cell']!.wd_mean);
    assert.equal(methods['anthology-greedy']!.kind, 'simulation');
    assert.ok(methods['anthology-greedy']!.subgroups);
    assert.equal(methods['ensemble']!.kind, 'ensemble');
    // analysing one run folder rewrites its analysis.json
    const one = cli(['analyze', path.join(runs, '20990101-000000-sim'), '--bootstrap', '0']);
    assert.equal(one.status, 0, one.stderr);
    assert.ok(existsSync(path.join(runs, '20990101-000000-sim', 'analysis.json')));
  });

  it('Ctrl-C (SIGINT) stops a long analysis with exit 130', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/persona-studio.js'), 'analyze', spec, '--bootstrap', '100000'], { cwd: root });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // the uniform baseline's bootstrap (method 1) is running: interrupt it a moment later
      if (!sent && /method 1\/\d+/.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 1000);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(guard);
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted/);
  });

  it('prints every metric in readable form; bad input exits 2 with one line', () => {
    const r = cli(['analyze', spec, '--bootstrap', '0', '--splits', '10']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /human bound \(split-half\)/);
    assert.match(r.stdout, /demographic-cell/);
    assert.match(r.stdout, /Cronbach's alpha/);
    const bad = cli(['analyze', 'no-such.survey.yaml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^persona-studio: .*no-such\.survey\.yaml: cannot read the file/m);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    const flag = cli(['analyze', spec, '--splits', 'x']);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /--splits: "x" is not an integer/);
    for (const bad of ['0', '1.5', 'two']) {
      const t = cli(['analyze', spec, '--threads', bad]);
      assert.equal(t.status, 2, `--threads ${bad}`);
      assert.equal(t.stderr.trim().split('\n').length, 1, t.stderr);
      assert.match(t.stderr, new RegExp(`--threads: "${bad.replace('.', '\\.')}" is not an integer ≥ 1`));
    }
  });

  it('--threads 1 and --threads 2 give byte-identical analysis JSON (apart from createdAt)', () => {
    // the bootstrap replicates are computed on this thread, then on a pool of 2 workers resuming the seeded stream at
    // saved positions (parallelBootstrap): the replicates, hence every interval and bias, must not change
    const json = (threads: string): string => {
      const r = cli(['analyze', spec, '--json', '--bootstrap', '40', '--splits', '4', '--seed', '3', '--threads', threads]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.replace(/^ {2}"createdAt": "[^"]*",$/m, '');
    };
    const one = json('1');
    const two = json('2');
    assert.match(one, /"kind": "percentile"/);
    assert.equal(two, one);
  });
});
