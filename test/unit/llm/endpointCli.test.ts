import assert from 'node:assert/strict';
import { normalizeBaseUrl, publicBaseUrl } from '../../../src/core/llm/endpointConfig';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';

describe('cli: persona-studio endpoint test', function () {
  this.timeout(15_000);
  it('normalises base URLs with or without /v1', () => {
    assert.equal(normalizeBaseUrl('http://localhost:8000'), 'http://localhost:8000/v1');
    assert.equal(normalizeBaseUrl('http://localhost:8000/v1/'), 'http://localhost:8000/v1');
    assert.equal(normalizeBaseUrl('https://api.groq.com/openai/v1'), 'https://api.groq.com/openai/v1');
    assert.equal(normalizeBaseUrl('http://h:1/v1/chat/completions'), 'http://h:1/v1');
  });

  const cases = [
    { server: {}, expected: { logprobs: true, n: true } },
    { server: { logprobs: false }, expected: { logprobs: false, n: true } },
    { server: { n: 'ignore' as const }, expected: { logprobs: true, n: false } },
    { server: { n: 'reject' as const, logprobs: false }, expected: { logprobs: false, n: false } },
  ];
  for (const c of cases) {
    it(`reports ${JSON.stringify(c.expected)} for a server configured ${JSON.stringify(c.server)}`, async () => {
      const server = await startOpenAiTestServer({ ...c.server, models: ['m1', 'm2'] });
      try {
        const r = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--json']);
        assert.equal(r.code, 0, r.err);
        assert.deepEqual(JSON.parse(r.out), { models: ['m1', 'm2'], model: 'm1', api: 'chat', warnings: [], ...c.expected });
      } finally {
        await server.close();
      }
    });
  }

  it('reads the key from --api-key-env and never prints it', async () => {
    const secret = 'sk-test-DO-NOT-PRINT-1234567890';
    const server = await startOpenAiTestServer({ apiKey: secret });
    process.env.PS_TEST_KEY = secret;
    try {
      const ok = await runCliCaptured(['endpoint', 'test', '--endpoint', `${server.url}/v1`, '--api-key-env', 'PS_TEST_KEY', '--model', 'test-model', '--json']);
      assert.equal(ok.code, 0, ok.err);
      assert.ok(!ok.out.includes(secret) && !ok.err.includes(secret));
      process.env.PS_TEST_KEY = `${secret}-wrong`;
      const bad = await runCliCaptured(['endpoint', 'test', '--endpoint', server.url, '--api-key-env', 'PS_TEST_KEY']);
      assert.equal(bad.code, 1);
      assert.match(bad.err, /auth/);
      assert.ok(!bad.err.includes(secret) && !bad.out.includes(secret));
    } finally {
      delete process.env.PS_TEST_KEY;
      await server.close();
    }
  });

  it('fails with exit 1 and a reason when nothing listens', async () => {
    // two attempts: a refused connection is retried like any infrastructure failure, then reported
    const r = await runCliCaptured(['endpoint', 'test', '--endpoint', 'http://127.0.0.1:1', '--max-attempts', '2', '--json']);
    assert.equal(r.code, 1);
    assert.match(r.err, /connection/);
  });
});

describe('llm: endpoint URLs in files and messages', () => {
  it('drops credentials embedded in a base URL', () => {
    assert.equal(publicBaseUrl('https://user:sk-secret@example.com/v1'), 'https://example.com/v1');
  });
});
