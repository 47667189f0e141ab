import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { modelOfSpec } from '../../../src/core/llm/modelOfSpec';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { letterPlan, tempDir } from './helpers';

interface ProbeJson {
  models: string[];
  model: string | null;
  api: 'chat' | 'completions' | null;
  logprobs: boolean;
  n: boolean;
  warnings: string[];
}

describe('cli: endpoint test (issue 7, items 3 and 6)', function () {
  this.timeout(20_000);
  let server: OpenAiTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    delete process.env.PS_EP_KEY;
  });

  it('passes on the first try when the first request answers 429 with retry-after-ms', async () => {
    server = await startOpenAiTestServer({ models: ['m1'], failFirst: { count: 1, status: 429, retryAfterMs: 50 } });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as ProbeJson;
    assert.deepEqual(j.models, ['m1']);
    assert.equal(j.logprobs, true);
    assert.equal(j.n, true);
    assert.equal(server.log[0]!.outcome, 'fail-first-429', 'the first request was rate limited');
    assert.equal(server.log[1]!.path, '/models', 'and the model list was asked for again');
  });

  it('retries 5xx (here 503 twice, with retry-after seconds) before reporting anything', async () => {
    server = await startOpenAiTestServer({ models: ['m1'], failFirst: { count: 2, status: 503, retryAfterSeconds: 0 } });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(server.log.filter((l) => l.outcome === 'fail-first-503').length, 2);
  });

  it('probes a base model through the completions API, never chat', async () => {
    server = await startOpenAiTestServer({ models: ['davinci-002', 'test-model'], baseModels: ['davinci-002'] });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--model', 'davinci-002', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as ProbeJson;
    assert.equal(j.api, 'completions');
    assert.equal(j.logprobs, true);
    const probes = server.log.filter((l) => l.path !== '/models');
    assert.ok(probes.length >= 2);
    assert.ok(probes.every((l) => l.path === '/completions'), `paths: ${probes.map((l) => l.path).join(', ')}`);
  });

  it('takes --api completions for a model whose name says nothing', async () => {
    server = await startOpenAiTestServer({ models: ['meta-llama/Meta-Llama-3-70B'], baseModels: ['meta-llama/Meta-Llama-3-70B'] });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api', 'completions', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as ProbeJson).api, 'completions');
    assert.ok(server.log.filter((l) => l.path !== '/models').every((l) => l.path === '/completions'));
  });

  it('falls back to the completions API when it only guessed chat and chat refuses the model, and says so', async () => {
    server = await startOpenAiTestServer({ models: ['meta-llama/Meta-Llama-3-70B'], baseModels: ['meta-llama/Meta-Llama-3-70B'] });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as ProbeJson;
    assert.equal(j.api, 'completions');
    assert.match(j.warnings.join('\n'), /base model.*api: completions/);
    // one refused chat question, then only completions
    assert.deepEqual(server.log.filter((l) => l.path !== '/models').map((l) => l.path), ['/chat/completions', '/completions', '/completions', '/completions']);
  });

  it('reports a chat refusal as it is when --api chat was asked for', async () => {
    server = await startOpenAiTestServer({ models: ['davinci-002'], baseModels: ['davinci-002'] });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api', 'chat']);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad-request: HTTP 404.*not a chat model/);
  });

  it('--spec probes the model a spec uses through its api (the Anthology persona example: a base model, completions)', async () => {
    server = await startOpenAiTestServer({ models: ['meta-llama/Meta-Llama-3-70B'] });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--spec', 'examples/personas/us-adults.persona.yaml', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as ProbeJson;
    assert.equal(j.model, 'meta-llama/Meta-Llama-3-70B');
    assert.equal(j.api, 'completions');
    assert.ok(server.log.filter((l) => l.path !== '/models').every((l) => l.path === '/completions'));
    const bad = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--spec', 'README.md']);
    assert.equal(bad.code, 2);
  });

  it('modelOfSpec reads a persona\'s model and a survey\'s simulation model and endpoint', () => {
    assert.deepEqual(modelOfSpec({ endpoint: 'local', model: { name: 'm', api: 'completions' } }), { endpoint: 'local', model: 'm', api: 'completions' });
    assert.deepEqual(modelOfSpec({ simulation: { endpoint: 'e', model: { name: 'gpt-4o', api: 'chat' } } }), { endpoint: 'e', model: 'gpt-4o', api: 'chat' });
    assert.deepEqual(modelOfSpec({ model: { name: 3, api: 'responses' } }), {});
    assert.deepEqual(modelOfSpec(null), {});
  });

  it('rejects an --api that is neither chat nor completions (exit 2)', async () => {
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', 'http://127.0.0.1:1', '--api', 'responses']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--api/);
  });

  it('warns when the server does not list the model', async () => {
    server = await startOpenAiTestServer({ models: ['m1', 'm2'] });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--model', 'gpt-nope']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /gpt-nope.*not listed/);
    const j = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--model', 'gpt-nope', '--json']);
    assert.match((JSON.parse(j.out) as ProbeJson).warnings.join('\n'), /not listed/);
  });

  it('says so when --api-key-env names an unset variable (exit 2) and sends nothing', async () => {
    server = await startOpenAiTestServer({ apiKey: 'sk-x' });
    delete process.env.PS_EP_KEY;
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api-key-env', 'PS_EP_KEY']);
    assert.equal(r.code, 2);
    assert.match(r.err, /PS_EP_KEY is not set/);
    assert.equal(r.err.trim().split('\n').length, 1, 'one line');
    process.env.PS_EP_KEY = ' \r\n';
    const blank = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api-key-env', 'PS_EP_KEY']);
    assert.equal(blank.code, 2);
    assert.match(blank.err, /PS_EP_KEY is empty/);
    assert.equal(server.log.length, 0);
  });

  it('fails against an HTML page that answers 200, saying the server is not OpenAI-compatible', async () => {
    server = await startOpenAiTestServer({ html: true });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.err, /not an OpenAI-compatible API/);
    assert.equal(r.out, '');
  });

  it('llm run against an HTML page: every request fails at once as incompatible, not retried', async () => {
    server = await startOpenAiTestServer({ html: true });
    const tmp = tempDir('ps-html-');
    try {
      const [input] = (await exportBatchFiles(letterPlan(3), tmp.dir, 'plan')) as [string];
      const r = await runCliCaptured(['llm', 'run', '--input', input, '--endpoint', server.url, '--run-dir', path.join(tmp.dir, 'run'), '--json', '--yes']);
      assert.equal(r.code, 1, r.err);
      const s = JSON.parse(r.out) as { failedByReason: Record<string, number>; retried: number };
      assert.deepEqual(s.failedByReason, { incompatible: 3 });
      assert.equal(s.retried, 0);
    } finally {
      tmp.remove();
    }
  });

  it('llm run with --api-key-env naming an unset variable: exit 2, no run folder made', async () => {
    delete process.env.PS_EP_KEY;
    const tmp = tempDir('ps-nokey-');
    try {
      const [input] = (await exportBatchFiles(letterPlan(2), tmp.dir, 'plan')) as [string];
      const r = await runCliCaptured(['llm', 'run', '--input', input, '--endpoint', 'http://127.0.0.1:1', '--run-dir', path.join(tmp.dir, 'run'), '--api-key-env', 'PS_EP_KEY']);
      assert.equal(r.code, 2);
      assert.match(r.err, /PS_EP_KEY is not set/);
      assert.ok(!fs.existsSync(path.join(tmp.dir, 'run')));
    } finally {
      tmp.remove();
    }
  });

  it('fails when the model list is OpenAI-shaped but a probe answer is not', async () => {
    server = await startOpenAiTestServer({ models: ['m1'], faults: { malformed: 1 } });
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--max-attempts', '2']);
    assert.equal(r.code, 1);
    assert.match(r.err, /unparseable.*OpenAI-compatible/);
    assert.equal(server.log.filter((l) => l.outcome === 'malformed').length, 2, 'retried once, as an infrastructure failure');
  });

  for (const bad of ['0', '-5', 'abc', '1e400', '']) {
    it(`--timeout ${JSON.stringify(bad)} is bad input (exit 2), not a wait or a silent default`, async () => {
      const started = Date.now();
      const r = await runCliCaptured(['endpoint', 'test', '--endpoint', 'http://127.0.0.1:1', '--timeout', bad]);
      assert.equal(r.code, 2);
      assert.match(r.err, /--timeout/);
      assert.ok(Date.now() - started < 5000);
    });
  }

  it('never prints a key read with a trailing CR (a CRLF .env file) that the server echoes back', async () => {
    const secret = 'sk-proj-CRLFLEAK-0123456789abcdef';
    server = await startOpenAiTestServer({ apiKey: 'sk-the-right-one' });
    for (const raw of [`${secret}\r`, `${secret}\n`, `${secret} `, ` ${secret}\r\n`]) {
      process.env.PS_EP_KEY = raw;
      const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api-key-env', 'PS_EP_KEY']);
      assert.equal(r.code, 1);
      assert.match(r.err, /auth/);
      assert.ok(!`${r.out}${r.err}`.includes(secret), `key printed: ${r.err}`);
      assert.ok(!`${r.out}${r.err}`.includes(secret.slice(0, 20)), `part of the key printed: ${r.err}`);
    }
    // the trimmed key is what was sent
    assert.ok(server.log.every((l) => l.authorization === `Bearer ${secret}`));
  });
});
