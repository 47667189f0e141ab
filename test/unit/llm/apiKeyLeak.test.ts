import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { runBatch } from '../../../src/core/llm/batch/runBatch';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { runRequests } from '../../../src/core/llm/runRequests';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { ResponseCache } from '../../../src/core/runStore/responseCache';
import { writeManifest } from '../../../src/core/runStore/runManifest';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { letterPlan, tempDir } from './helpers';

describe('llm: the API key never reaches a file or a log line', function () {
  this.timeout(20_000);
  it('greps every file a run writes, and all output, for the key', async () => {
    const secret = 'sk-proj-LEAKCHECK-7f3a9c2e1b5d4f60';
    const server = await startOpenAiTestServer({ apiKey: secret, faults: { rateLimit: 0.1, retryAfterMs: 1, serverError: 0.1, batchLine: 0.1 } });
    const tmp = tempDir('ps-leak-');
    const logged: string[] = [];
    try {
      // a live run (with retries and failures), a failing run with a wrong key, a batch run, an export, the CLI
      const client = new OpenAiLlmClient({ baseUrl: server.url, apiKey: secret });
      const journal = JournalWriter.open(path.join(tmp.dir, 'journal.jsonl'));
      const cache = new ResponseCache(path.join(tmp.dir, 'cache'));
      const s = await runRequests({ client, journal, cache, requests: letterPlan(100), concurrency: 8, backoff: { baseDelayMs: 1, maxDelayMs: 5 }, onProgress: (c) => logged.push(JSON.stringify(c)), onOutcome: (o) => logged.push(JSON.stringify(o, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message } : v))) });
      assert.equal(s.answered, 100);
      const wrong = new OpenAiLlmClient({ baseUrl: server.url, apiKey: `${secret}X` });
      const f = await runRequests({ client: wrong, journal, requests: letterPlan(3).map((p) => ({ ...p, id: `w${p.id}` })), onOutcome: (o) => o.kind === 'failed' && logged.push(o.error.message, String(o.error.stack)) });
      assert.equal(f.failedByReason.auth, 3);
      const manifestPath = path.join(tmp.dir, 'manifest.json');
      await writeManifest(manifestPath, { version: 1, createdAt: new Date().toISOString(), specHash: 'h', endpoint: { name: 'test', baseUrl: server.url, model: 'test-model' }, params: {}, seeds: {}, versions: {}, batches: [] });
      const b = await runBatch({ backend: client, requests: letterPlan(50).map((p) => ({ ...p, id: `b${p.id}` })), manifestPath, journal, cache, pollIntervalMs: 2, maxRounds: 5 });
      assert.equal(b.unanswered, 0);
      journal.close();
      await exportBatchFiles(letterPlan(10), path.join(tmp.dir, 'export'), 'x');
      process.env.PS_LEAK_KEY = secret;
      const cli = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api-key-env', 'PS_LEAK_KEY', '--model', 'test-model']);
      process.env.PS_LEAK_KEY = 'wrong';
      const cliBad = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api-key-env', 'PS_LEAK_KEY', '--json']);
      logged.push(cli.out, cli.err, cliBad.out, cliBad.err);
      assert.equal(cli.code, 0);
      assert.equal(cliBad.code, 1);
      // the key did reach the server (so the test is not vacuous) …
      assert.ok(server.log.some((l) => l.authorization === `Bearer ${secret}`));
      // … and nothing else
      const files = spawnSync('find', [tmp.dir, '-type', 'f'], { encoding: 'utf8' }).stdout.trim().split('\n');
      assert.ok(files.length >= 20 && files.some((f) => f.endsWith('manifest.json')) && files.some((f) => f.endsWith('journal.jsonl')), 'journal, manifest, cache buckets and exports were written');
      const grep = spawnSync('grep', ['-rlF', '--', secret, tmp.dir], { encoding: 'utf8' });
      assert.equal(grep.status, 1, `grep found the key in: ${grep.stdout}`);
    } finally {
      delete process.env.PS_LEAK_KEY;
      await server.close();
      tmp.remove();
    }
    assert.ok(logged.length > 100);
    for (const line of logged) assert.ok(!line.includes(secret), `key in a log line: ${line.slice(0, 200)}`);
  });
});
