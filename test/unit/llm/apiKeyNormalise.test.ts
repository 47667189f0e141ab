import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { mergeBatchOutput } from '../../../src/core/llm/batch/mergeBatchOutput';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { normalizeApiKey, redactSecret, resolveApiKey } from '../../../src/core/llm/endpointConfig';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { letterPlan, tempDir } from './helpers';

// Issue 7, item 6 "API key leak": a key read with a trailing CR (a CRLF .env file), newline or space was sent
// trimmed, but redacted untrimmed, so a server that echoes the key in its 401 body got it printed and stored.
describe('llm: API keys are normalised once and every form is redacted', function () {
  this.timeout(20_000);
  const secret = 'sk-proj-CRLF-0123456789abcdefXYZ';
  let server: OpenAiTestServer | undefined;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('ps-keynorm-')));
  afterEach(async () => {
    await server?.close();
    server = undefined;
    delete process.env.PS_NORM_KEY;
    tmp.remove();
  });

  it('normalises a key from the environment: no CR, LF, space or BOM around it; blank is no key', () => {
    for (const raw of [`${secret}\r`, `${secret}\n`, `${secret}\r\n`, ` ${secret} `, `\t${secret}`, `\uFEFF${secret}`]) {
      assert.equal(normalizeApiKey(raw), secret);
      assert.equal(resolveApiKey('K', { K: raw }), secret);
    }
    assert.equal(normalizeApiKey(' \r\n'), undefined);
    assert.equal(resolveApiKey('K', {}), undefined);
  });

  it('redacts the raw and the trimmed key, and any bearer token', () => {
    const text = `got ${secret} and ${secret}\r, header Authorization: Bearer sk-other-999 and "bearer abc.def"`;
    const out = redactSecret(text, [`${secret}\r`]);
    assert.ok(!out.includes(secret));
    assert.ok(!out.includes('sk-other-999') && !out.includes('abc.def'));
    assert.match(out, /Bearer \*\*\*/);
    assert.equal(redactSecret('no secrets here', undefined), 'no secrets here');
  });

  it('batch error files: server text in a failure record loses the key and any bearer token', async () => {
    const journalPath = path.join(tmp.dir, 'journal.jsonl');
    const journal = JournalWriter.open(journalPath);
    const [planned] = letterPlan(1);
    const line = JSON.stringify({ custom_id: planned!.id, response: { status_code: 401, body: { error: { message: `bad key ${secret}; header was Bearer ${secret}-other`, code: 'invalid_api_key' } } }, error: null });
    await mergeBatchOutput(line, new Map([[planned!.id, { key: 'a'.repeat(64), request: planned!.request }]]), { answered: new Set(), failed: new Set() }, { journal, secrets: [`${secret}\r`] });
    journal.close();
    const text = fs.readFileSync(journalPath, 'utf8');
    assert.match(text, /"t":"failure"/);
    assert.ok(!text.includes(secret), text);
  });

  it('llm run: no failure record of journal.jsonl holds the key a 401 body echoed (20 of 20 were)', async () => {
    server = await startOpenAiTestServer({ apiKey: 'sk-the-right-one', models: ['gpt-4o-mini'] });
    const [input] = (await exportBatchFiles(letterPlan(20, 'gpt-4o-mini'), tmp.dir, 'plan')) as [string];
    process.env.PS_NORM_KEY = `${secret}\r`;
    const runDir = path.join(tmp.dir, 'run');
    const r = await runCliCaptured(['llm', 'run', '--input', input, '--endpoint', server.url, '--run-dir', runDir, '--api-key-env', 'PS_NORM_KEY']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /20 failed \(auth 20\)/);
    const failures = fs.readFileSync(path.join(runDir, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"failure"'));
    assert.equal(failures.length, 20);
    assert.ok(failures.every((l) => /Incorrect API key provided: \*\*\*/.test(l)), failures[0]);
    assert.equal(spawnSync('grep', ['-rlF', '--', secret, tmp.dir]).status, 1, 'the key is in no file');
    assert.ok(!`${r.out}${r.err}`.includes(secret));
    assert.ok(server.log.every((l) => l.authorization === `Bearer ${secret}`), 'the normalised key was sent');
  });

  it('llm batch: the failure message printed holds no key', async () => {
    server = await startOpenAiTestServer({ apiKey: 'sk-the-right-one' });
    const [input] = (await exportBatchFiles(letterPlan(5), tmp.dir, 'plan')) as [string];
    process.env.PS_NORM_KEY = `${secret}\r\n`;
    const r = await runCliCaptured(['llm', 'batch', '--input', input, '--endpoint', server.url, '--run-dir', path.join(tmp.dir, 'run'), '--api-key-env', 'PS_NORM_KEY', '--poll', '5', '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.err, /auth: HTTP 401/);
    assert.ok(!`${r.out}${r.err}`.includes(secret), r.err);
    assert.equal(spawnSync('grep', ['-rlF', '--', secret, tmp.dir]).status, 1, 'the key is in no file');
  });
});
