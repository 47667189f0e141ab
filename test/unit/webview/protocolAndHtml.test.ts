import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { specSchemas } from '../../../src/core/spec/defaultSpecService';
import { resultLenses } from '../../../src/core/spec/features/resultLenses';
import { createSpecService } from '../../../src/core/spec/specService';
import { lensResults } from '../../../src/core/results/lensResults';
import { ResultsError } from '../../../src/core/results/resultsError';
import { contentSecurityPolicy, createNonce, escapeHtml, webviewHtml, webviewMessageHtml } from '../../../src/extension/webviews/webviewHtml';
import { handleResultsMessage, type ResultsSource } from '../../../src/extension/webviews/results/resultsHandler';
import { defaultUiState, isPanelState, isUiState, resultsParamGuards, resultsResultGuards } from '../../../src/protocol/resultsPanel';
import { isRequestMessage, isResponseMessage } from '../../../src/protocol/rpc';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';
import { bfiAnalysis, bfiQuestionLines } from '../../fixtures/analysis/bfiAnalysis';

const specPath = path.join(__dirname, '..', '..', '..', 'examples', 'bfi', 'bfi.survey.yaml');

describe('webview HTML helper', () => {
  const nonce = createNonce();
  const html = webviewHtml({ title: 'Results: <img src=x onerror=alert(1)>', cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, scripts: ['https://x/dist/webview/resultsPanel.js?a=1&b="2"'], styles: ['https://x/dist/webview/resultsPanel.css'] });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

  it('puts a deny-all CSP with the nonce first, and never unsafe-inline or unsafe-eval', () => {
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the CSP meta comes before any resource');
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}'; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-/);
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types lit-html/);
    assert.match(csp, /connect-src 'none'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.ok(csp.includes(`'nonce-${nonce}'`));
  });

  it('loads every script with the nonce and has no inline script or style', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}" src=`));
    assert.equal(scripts[0]![2], '', 'no inline code');
    assert.doesNotMatch(html, /<style|style=/);
  });

  it('escapes the title and the URIs', () => {
    assert.ok(html.includes('<title>Results: &lt;img src=x onerror=alert(1)&gt;</title>'));
    assert.ok(html.includes('?a=1&amp;b=&quot;2&quot;'));
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const msg = webviewMessageHtml({ cspSource: 'https://x', nonce, title: 'T', message: '<script>alert(1)</script>' });
    assert.ok(msg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(msg, /<script/);
  });

  it('makes a fresh random nonce each time and refuses bad ones', () => {
    assert.notEqual(createNonce(), createNonce());
    assert.throws(() => contentSecurityPolicy({ cspSource: 'https://x', nonce: "abc' 'unsafe-inline" }));
    assert.throws(() => contentSecurityPolicy({ cspSource: "https://x; script-src *", nonce }));
  });
});

describe('results panel protocol guards', () => {
  it('accepts well-formed requests and rejects unknown keys, wrong types and oversized values', () => {
    assert.ok(isRequestMessage({ v: 1, type: 'request', id: 1, method: 'ready', params: { ui: null } }));
    assert.ok(!isRequestMessage({ v: 2, type: 'request', id: 1, method: 'ready', params: {} }));
    assert.ok(!isRequestMessage({ v: 1, type: 'request', id: -1, method: 'ready', params: {} }));
    assert.ok(!isRequestMessage({ v: 1, type: 'request', id: 1, method: 'ready', params: {}, extra: 1 }));
    const page = resultsParamGuards['questions/page'];
    assert.ok(page({ method: 'uniform', sortBy: 'wd', descending: true, filter: '', offset: 0, limit: 50 }));
    assert.ok(!page({ method: 'uniform', sortBy: 'wd', descending: true, filter: '', offset: 0, limit: 5000 }), 'page too large');
    assert.ok(!page({ method: 'uniform', sortBy: 'name', descending: true, filter: '', offset: 0, limit: 50 }));
    assert.ok(!page({ method: 'uniform', sortBy: 'wd', descending: true, filter: '', offset: 0, limit: 50, path: '/etc' }));
    const exp = resultsParamGuards.export;
    assert.ok(exp({ format: 'png', name: 'bfi-A1.png', data: 'data:image/png;base64,AAAA' }));
    assert.ok(!exp({ format: 'png', name: 'bfi-A1.png', data: '<svg/>' }), 'png must be a PNG data URL');
    assert.ok(!exp({ format: 'csv', name: '../../.bashrc', data: 'x' }), 'names are file names, never paths');
    assert.ok(!exp({ format: 'exe', name: 'x', data: 'x' }));
    assert.ok(resultsParamGuards.reveal({ id: 'A1' }) && !resultsParamGuards.reveal({ id: 'A1', line: 3 }));
  });

  it('checks UI and panel state', () => {
    assert.ok(isUiState(defaultUiState));
    assert.ok(!isUiState({ ...defaultUiState, tab: 'secrets' }));
    assert.ok(isPanelState({ v: 1, spec: 'file:///w/bfi.survey.yaml', runId: 'r1', ui: defaultUiState }));
    assert.ok(!isPanelState({ v: 1, spec: 'file:///w/bfi.survey.yaml', runId: 'r1', ui: { ...defaultUiState, report: {} } }), 'no data in the state');
  });

  it('answers requests from the report and rejects bad ones with a reason (host side)', async function () {
    this.timeout(60_000);
    const report = bfiAnalysis({ replicates: 0, splits: 4 });
    const src: ResultsSource = { spec: 'file:///w/bfi.survey.yaml', specName: 'bfi.survey.yaml', runId: 'r1', report };
    const revealed: string[] = [];
    const none = async (): Promise<never> => { throw new ResultsError('no-personas', 'none in this test'); };
    const actions = { reveal: async (id: string) => { revealed.push(id); return true; }, save: async () => true, state: () => undefined, personas: none, showBackstory: async () => false, comparison: async () => ({ runs: [] }), addRun: async () => ({ runs: [] }), removeRun: async () => ({ runs: [] }) };
    const ask = (method: string, params: unknown, id = 1) => handleResultsMessage(() => src, actions, { v: 1, type: 'request', id, method, params });
    const ready = await ask('ready', { ui: { ...defaultUiState, method: 'gone', question: 'A2' } });
    assert.ok(ready && isResponseMessage(ready) && ready.ok);
    assert.ok(resultsResultGuards.ready(ready.result), 'the host answer passes the page-side guard');
    assert.equal(ready.result.ui.method, 'drifted-sim', 'an unknown method is replaced by the first simulation');
    assert.equal(ready.result.ui.question, 'A2');
    assert.equal(ready.result.leans['drifted-sim']?.leans, 'higher');
    const page = await ask('questions/page', { method: 'uniform', sortBy: 'wd', descending: true, filter: '', offset: 0, limit: 5 }, 2);
    assert.ok(page?.ok && resultsResultGuards['questions/page'](page.result) && page.result.rows.length === 5);
    const detail = await ask('question/detail', { id: 'A1' }, 3);
    assert.ok(detail?.ok && resultsResultGuards['question/detail'](detail.result));
    const corr = await ask('correlation', { method: 'uniform', offset: 0 }, 4);
    assert.ok(corr?.ok && resultsResultGuards.correlation(corr.result));
    const bad = await ask('questions/page', { method: 'uniform', sortBy: 'wd' }, 5);
    assert.deepEqual(bad && !bad.ok && bad.error.reason, 'bad-params');
    const unknown = await ask('shell', {}, 6);
    assert.deepEqual(unknown && !unknown.ok && unknown.error.reason, 'unknown-method');
    const missing = await ask('question/detail', { id: 'Z9' }, 7);
    assert.deepEqual(missing && !missing.ok && missing.error.reason, 'unknown-question');
    assert.equal(await handleResultsMessage(() => src, actions, { hello: 1 }), undefined, 'non-protocol messages get no answer');
    await ask('reveal', { id: 'C3' }, 8);
    assert.deepEqual(revealed, ['C3']);
  });
});

describe('result lenses (bfi spec + bfi analysis fixture)', function () {
  this.timeout(60_000);
  it('puts Open results on the first key and WD · human · drift on each question id', () => {
    const text = readFileSync(specPath, 'utf8');
    const report = bfiAnalysis({ replicates: 0, splits: 4, lines: bfiQuestionLines(text) });
    const service = createSpecService({ schemas: specSchemas, files: memoryFileSystem({}) });
    const spec = service.parse(text, specPath)!;
    const results = lensResults(report, '20261201-120000-anthology', 'drifted-sim')!;
    const lenses = resultLenses(spec, results);
    assert.equal(lenses.length, 1 + 25);
    assert.equal(lenses[0]!.action, 'open-results');
    assert.equal(lenses[0]!.range.start.line, text.split('\n').findIndex((l) => l.startsWith('name:')));
    const a1 = lenses.find((l) => l.questionId === 'A1')!;
    assert.equal(a1.range.start.line, report.survey.questions[0]!.line, 'the lens sits on the question line the analysis records');
    const m = report.methods['drifted-sim']!;
    const sign = m.drift.A1! > 0 ? '+' : '−';
    assert.equal(a1.title, `WD ${m.wd.A1!.toFixed(2)} · human ${report.human.bounds.wd.A1!.toFixed(2)} · drift ${sign}${Math.abs(m.drift.A1!).toFixed(1)}`);
    assert.deepEqual(resultLenses(spec, undefined), [], 'no analysis, no lenses');
  });
});
