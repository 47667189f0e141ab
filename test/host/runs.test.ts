import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RESULTS_VIEW_TYPE } from '../../src/protocol/resultsPanel';
import type { ApiKeys } from '../../src/extension/endpoints/apiKeys';
import { createLog } from '../../src/extension/log';
import type { PersonaStudioApi } from '../../src/extension/api';
import { RunController, type RunOutcome } from '../../src/extension/runs/runController';
import type { RunsNode } from '../../src/extension/runs/runsTree';
import type { ResultsPanels } from '../../src/extension/webviews/results/resultsPanels';
import { startOpenAiTestServer, type OpenAiTestServer } from '../server/openAiTestServer';
import { closeAll, EXTENSION_ID, fileUri, open, sleep } from './helpers';

/** Polls `probe` until it returns a value (a positive signal), or fails with `what`. */
async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`${what}: not seen within ${timeoutMs} ms`);
    await sleep(50);
  }
}

type RunNode = Extract<RunsNode, { kind: 'run' }>;
const resultTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(RESULTS_VIEW_TYPE));
const lensesOf = (uri: vscode.Uri): Thenable<vscode.CodeLens[]> => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/**
 * The small study fixture (test/fixtures/pipeline) copied into the workspace: 40 respondents, 25 bfi items;
 * `count`: the persona spec's backstories count written into the copy (runs that take no `count` option).
 */
function studyCopy(folder: string, count?: number): vscode.Uri {
  const src = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'pipeline');
  const dir = fileUri(folder).fsPath;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['small.persona.yaml', 'bfi-small.survey.yaml', 'bfi500.csv']) {
    let text = readFileSync(path.join(src, f), 'utf8');
    if (f.endsWith('.csv')) text = `${text.split('\n').slice(0, 41).join('\n')}\n`;
    if (count !== undefined && f === 'small.persona.yaml') {
      assert.match(text, /count: 520\b/);
      text = text.replace(/count: 520\b/, `count: ${count}`);
    }
    writeFileSync(path.join(dir, f), text);
  }
  return fileUri(`${folder}/bfi-small.survey.yaml`);
}

describe('run controller and run lenses in a real extension host', function () {
  this.timeout(180_000);
  let server: OpenAiTestServer;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('personaStudio');

  before(async () => {
    rmSync(fileUri('bfi/runs').fsPath, { recursive: true, force: true });
    // plausible answers, and a little latency so that a run is still going when it is cancelled
    server = await startOpenAiTestServer({ plausible: true, latencyMs: 40 });
    await settings().update('endpoints', [{ name: 'default', baseUrl: server.url }], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await closeAll();
    await settings().update('endpoints', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    for (const f of ['bfi/runs', 'study-a', 'study-b', 'study-c', 'study-d']) rmSync(fileUri(f).fsPath, { recursive: true, force: true });
  });

  it('Run baselines (offline): run.json done, analysis.json written, the results panel opens, question lenses show WD and bound', async () => {
    const spec = fileUri('bfi/bfi.survey.yaml');
    await open('bfi/bfi.survey.yaml');
    const lens = await until(async () => (await lensesOf(spec)).find((l) => l.command?.command === 'personaStudio.runBaselines'), 'the Run baselines lens');
    assert.equal(lens.command!.title, 'Run baselines');
    const outcome = await vscode.commands.executeCommand<RunOutcome>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(outcome.status, 'done', outcome.message);
    assert.ok(outcome.runDir && existsSync(path.join(outcome.runDir, 'analysis.json')), 'analysis.json written');
    assert.equal(readJson(path.join(outcome.runDir, 'run.json')).status, 'done');
    assert.equal(readJson(path.join(outcome.runDir, 'run.json')).kind, 'baselines');
    await until(() => (resultTabs().length === 1 ? true : undefined), 'the results panel tab');
    const wd = await until(async () => {
      const ls = (await lensesOf(spec)).filter((l) => l.command?.title.startsWith('WD '));
      return ls.length === 25 ? ls : undefined;
    }, 'a WD · human lens on each of the 25 questions');
    assert.match(wd[0]!.command!.title, /^WD \d\.\d\d · human \d\.\d\d · drift /);
  });

  it('untrusted: a simulation is refused and nothing is sent', async () => {
    const spec = studyCopy('study-a');
    const before = server.log.length;
    // Workspace Trust cannot be toggled in the test host: the controller's trust function is injected. The
    // refusal happens before the results panels or the key store would be touched.
    const controller = new RunController({ log: createLog(), config: () => ({ validationDelayMs: 200, endpoints: [{ name: 'default', baseUrl: server.url }], confirmCostAboveUsd: 1, confirmCallsAbove: 2000, modelPrices: {}, modelPriceProblems: [] }), keys: {} as ApiKeys, results: {} as ResultsPanels, isTrusted: () => false });
    try {
      const outcome = await controller.simulate(spec, { count: 8 });
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.message ?? '', /Trust this workspace/);
      assert.equal(server.log.length, before, 'no request reached the server');
      assert.ok(!existsSync(path.join(path.dirname(spec.fsPath), 'runs')), 'no run folder was made');
    } finally {
      controller.dispose();
    }
  });

  it('untrusted and with no endpoint: Generate personas of a meta spec (census-sampled, no model) runs and contacts nothing', async () => {
    const dir = fileUri('offline-meta').fsPath;
    rmSync(dir, { recursive: true, force: true });
    cpSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'ladder'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) && !src.endsWith('.personas.jsonl') });
    const before = server.log.length;
    const controller = new RunController({ log: createLog(), config: () => ({ validationDelayMs: 200, endpoints: [], confirmCostAboveUsd: 1, confirmCallsAbove: 2000, modelPrices: {}, modelPriceProblems: [] }), keys: {} as ApiKeys, results: {} as ResultsPanels, isTrusted: () => false });
    try {
      const outcome = await controller.generate(vscode.Uri.file(path.join(dir, 'ladder-meta.persona.yaml')), { count: 5 });
      assert.equal(outcome.status, 'done', outcome.message);
      const lines = readFileSync(path.join(dir, 'ladder-meta.personas.jsonl'), 'utf8').split('\n').filter(Boolean);
      assert.equal(lines.length, 5);
      assert.equal(server.log.length, before, 'no request reached any server');
      // a ladder rung writes with a model: untrusted, it is refused
      const rung = await controller.generate(vscode.Uri.file(path.join(dir, 'ladder-objective.persona.yaml')), { count: 5 });
      assert.equal(rung.status, 'refused');
      assert.match(rung.message ?? '', /Trust this workspace/);
    } finally {
      controller.dispose();
    }
  });

  it('cancel keeps a whole journal and status cancelled; Resume completes with the answers of an uninterrupted run', async () => {
    const spec = studyCopy('study-a');
    await open('study-a/bfi-small.survey.yaml');
    const running = vscode.commands.executeCommand<RunOutcome>('personaStudio.runSimulation', spec, { count: 8 });
    // the live lens shows the simulation's count: cancel then
    await until(async () => (await lensesOf(spec)).find((l) => /^\$\(sync~spin\) Running [1-9]\d*\/1000 answers/.test(l.command?.title ?? '')), 'the live lens counting simulation answers');
    const cancelLens = (await lensesOf(spec)).find((l) => l.command?.command === 'personaStudio.cancelRun');
    assert.ok(cancelLens, 'a Cancel lens while the run goes');
    await vscode.commands.executeCommand(cancelLens.command!.command, ...(cancelLens.command!.arguments ?? []));
    const cancelled = await running;
    assert.equal(cancelled.status, 'cancelled', cancelled.message);
    const runsDir = fileUri('study-a/runs/bfi-small').fsPath;
    const runId = readdirSync(runsDir).find((d) => existsSync(path.join(runsDir, d, 'run.json')))!;
    const runDir = path.join(runsDir, runId);
    assert.equal(readJson(path.join(runDir, 'run.json')).status, 'cancelled');
    const journal = readFileSync(path.join(runDir, 'journal.jsonl'), 'utf8');
    assert.ok(journal.endsWith('\n'), 'the journal ends with a whole line');
    const lines = journal.split('\n').filter((l) => l !== '');
    for (const l of lines) JSON.parse(l); // every line is whole JSON
    const answered = lines.filter((l) => (JSON.parse(l) as { t?: string }).t === 'answer').length;
    assert.ok(answered > 0 && answered < 1000, `some but not all answers are in the journal (${answered})`);
    assert.ok(!existsSync(path.join(runDir, 'answers.csv')));

    const resume = await until(async () => (await lensesOf(spec)).find((l) => l.command?.command === 'personaStudio.resumeRun'), 'the Resume lens');
    assert.equal(resume.command!.title, `Resume ${runId}`);
    // the lens's own arguments (the spec and the run folder), plus the test's small backstory count
    const [uri, options] = resume.command!.arguments as [vscode.Uri, Record<string, unknown>];
    const done = await vscode.commands.executeCommand<RunOutcome>(resume.command!.command, uri, { ...options, count: 8 });
    assert.equal(done.status, 'done', done.message);
    assert.equal(done.runDir, runDir, 'the same run folder was continued');
    assert.equal(readJson(path.join(runDir, 'run.json')).status, 'done');

    // the same study run without interruption in another folder gives the same answers (deterministic seeds and server)
    const other = studyCopy('study-b');
    const straight = await vscode.commands.executeCommand<RunOutcome>('personaStudio.runSimulation', other, { count: 8 });
    assert.equal(straight.status, 'done', straight.message);
    assert.equal(readFileSync(path.join(runDir, 'answers.csv'), 'utf8'), readFileSync(path.join(straight.runDir!, 'answers.csv'), 'utf8'));
  });

  it('an unpriced run above personaStudio.confirmCallsAbove asks "cost unknown: N calls, ~T tokens"; declined, nothing is sent', async () => {
    const spec = studyCopy('study-d');
    const before = server.log.length;
    const asked: { message: string; detail: string }[] = [];
    // the modal cannot be clicked from a test: the controller's confirm is injected and declines
    const controller = new RunController({
      log: createLog(), keys: { get: () => Promise.resolve(undefined) } as unknown as ApiKeys, results: {} as ResultsPanels, isTrusted: () => true,
      config: () => ({ validationDelayMs: 200, endpoints: [{ name: 'default', baseUrl: server.url }], confirmCostAboveUsd: 1, confirmCallsAbove: 100, modelPrices: {}, modelPriceProblems: [] }),
      confirm: (message, detail) => {
        asked.push({ message, detail });
        return Promise.resolve(false);
      },
    });
    try {
      const outcome = await controller.simulate(spec, { count: 8 });
      assert.equal(outcome.status, 'declined', outcome.message);
      assert.equal(asked.length, 1, 'asked once');
      // 1,064 calls: 16 backstory + 48 demographic + 1,000 simulation calls (what `persona-studio estimate --count 8` prints for this study)
      assert.match(asked[0]!.message, /cost is unknown \(no price for test-base-model[^)]*\): it sends 1,064 calls, ~\d+(\.\d)?[kM] tokens, above your limit of 100 calls \(personaStudio\.confirmCallsAbove\)/);
      assert.ok(!/\$\d/.test(asked[0]!.message + asked[0]!.detail), `no dollar figure for an unpriced run: ${asked[0]!.message} ${asked[0]!.detail}`);
      assert.equal(server.log.length, before, 'no request reached the server');
      assert.ok(!existsSync(path.join(path.dirname(spec.fsPath), 'runs')), 'no run folder was made');

      // the spec's Estimate lens never shows $0 for it either: 5,160–106,720 calls at the spec's own count of 520
      // backstories (what `persona-studio estimate bfi-small.survey.yaml` prints for this copy). By hand: 520 × 2
      // backstory calls; 520 × (3 locator + 3 to 6 sampled variables) = 3,120–4,680; 1,000 simulation calls, up to
      // 1,000 × (1 + 100 re-asks) = 101,000; the locator's model (test-model) is unpriced too
      await open('study-d/bfi-small.survey.yaml');
      const estimate = await until(async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spec, 20))
        .find((l) => l.command?.command === 'personaStudio.estimate' && l.command.title.startsWith('Estimate:')), 'the resolved Estimate lens');
      assert.match(estimate.command!.title, /^Estimate: 5,160–106,720 calls · ≤\d+(\.\d)?[kM] tokens · cost unknown \(no price for test-base-model, test-model\)$/);

      // below the limit it does not ask: the same study at confirmCallsAbove 2,000 (the default) runs
      const runner = new RunController({
        log: createLog(), keys: { get: () => Promise.resolve(undefined) } as unknown as ApiKeys, results: {} as ResultsPanels, isTrusted: () => true,
        config: () => ({ validationDelayMs: 200, endpoints: [{ name: 'default', baseUrl: server.url }], confirmCostAboveUsd: 1, confirmCallsAbove: 2000, modelPrices: {}, modelPriceProblems: [] }),
        confirm: (message, detail) => {
          asked.push({ message, detail });
          return Promise.resolve(false);
        },
      });
      try {
        const ran = await runner.simulate(spec, { count: 8 });
        assert.equal(ran.status, 'done', ran.message);
        assert.equal(asked.length, 1, 'not asked again below the limit');
        assert.ok(server.log.length > before, 'requests were sent');
      } finally {
        runner.dispose();
      }
    } finally {
      controller.dispose();
    }
  });

  it('personaStudio.modelPrices prices a model with no list price: the estimate and the confirmation show dollars, never "cost unknown"', async () => {
    const spec = studyCopy('study-p');
    const before = server.log.length;
    const asked: string[] = [];
    // $1 per 1M tokens in and out for both test models (chosen): the run is priced, so the dollar limit decides
    const modelPrices = { 'test-base-model': { inputPerMTok: 1, outputPerMTok: 1 }, 'test-model': { inputPerMTok: 1, outputPerMTok: 1 } };
    const controller = new RunController({
      log: createLog(), keys: { get: () => Promise.resolve(undefined) } as unknown as ApiKeys, results: {} as ResultsPanels, isTrusted: () => true,
      config: () => ({ validationDelayMs: 200, endpoints: [{ name: 'default', baseUrl: server.url }], confirmCostAboveUsd: 0, confirmCallsAbove: 1_000_000, modelPrices, modelPriceProblems: [] }),
      confirm: (message) => {
        asked.push(message);
        return Promise.resolve(false);
      },
    });
    try {
      const e = await controller.estimate(spec, { count: 8 });
      assert.deepEqual(Object.values(e.stages).flatMap((s) => s.unpricedModels), [], 'every model priced by the setting');
      assert.ok(e.total.costUsdFirstTry.max > 0, String(e.total.costUsdFirstTry.max));
      const outcome = await controller.simulate(spec, { count: 8 });
      assert.equal(outcome.status, 'declined', outcome.message);
      assert.equal(asked.length, 1);
      assert.match(asked[0]!, /^This run sends 1,064 calls, ~\d+(\.\d)?[kM] tokens, \$\d+\.\d\d–\$\d+\.\d\d.*above your limit of \$0\.00 \(personaStudio\.confirmCostAboveUsd\)/);
      assert.ok(!asked[0]!.includes('unknown'), asked[0]);
      assert.equal(server.log.length, before, 'declined: no request reached the server');
    } finally {
      controller.dispose();
    }
  });

  it('runs explorer: a going run shows its live count, calls and cost with Cancel; Cancel stops it, Resume (explorer) completes the same folder', async () => {
    const spec = studyCopy('study-c', 8);
    const ext = vscode.extensions.getExtension<PersonaStudioApi>(EXTENSION_ID)!;
    const { runsTree } = ext.isActive ? ext.exports : await ext.activate();
    let treeEvents = 0;
    const sub = runsTree.onDidChangeTreeData(() => void treeEvents++);
    const runNodes = async (): Promise<RunNode[]> => {
      const specNode = (await runsTree.getChildren()).find((n) => n.kind === 'spec' && n.spec.fsPath === spec.fsPath);
      return specNode ? (await runsTree.getChildren(specNode)).filter((n): n is RunNode => n.kind === 'run') : [];
    };
    try {
      // no count option: the copy's persona spec asks for 8 backstories, so the explorer's Resume runs the same study
      const running = vscode.commands.executeCommand<RunOutcome>('personaStudio.runSimulation', spec);
      const first = await until(async () => (await runNodes()).find((n) => n.live?.stage === 'simulation' && n.live.done > 0), 'a live run node counting simulation answers');
      const item = runsTree.getTreeItem(first);
      assert.match(String(item.contextValue), /^run\.running$/, 'Cancel applies (and Resume does not)');
      assert.match(String(item.description), /^running · simulation [\d,]+\/1,000 answers · test-base-model · \d{4}-\d\d-\d\d \d\d:\d\d · [\d,]+ calls · cost unknown \(no price for test-base-model\)$/);
      // live: the description moves on while the run goes, and the view is told to refresh
      await until(async () => {
        const n = (await runNodes()).find((x) => x.entry.dir === first.entry.dir);
        return n?.live && n.live.done > first.live!.done ? n : undefined;
      }, 'the live count moving on');
      await until(() => (treeEvents > 0 ? true : undefined), 'a tree refresh during the run');
      const cancelled = await vscode.commands.executeCommand<boolean>('personaStudio.runs.cancel', first);
      assert.equal(cancelled, true);
      const outcome = await running;
      assert.equal(outcome.status, 'cancelled', outcome.message);

      const resumable = await until(async () => (await runNodes()).find((n) => n.entry.dir === first.entry.dir && n.entry.record.status === 'cancelled' && !n.live), 'the cancelled run without its live state');
      assert.equal(runsTree.getTreeItem(resumable).contextValue, 'run.resumable', 'Resume applies (and Cancel does not)');
      assert.match(String(runsTree.getTreeItem(resumable).description), /^cancelled · test-base-model · /);
      const done = await vscode.commands.executeCommand<RunOutcome>('personaStudio.runs.resume', resumable);
      assert.equal(done.status, 'done', done.message);
      assert.equal(done.runDir, first.entry.dir, 'the same run folder was continued');
      const finished = await until(async () => (await runNodes()).find((n) => n.entry.dir === first.entry.dir && n.entry.record.status === 'done'), 'the finished run');
      assert.match(String(runsTree.getTreeItem(finished).contextValue), /^run(\.analysed)?$/, 'neither Resume nor Cancel on a done run');
    } finally {
      sub.dispose();
    }
  });
});
