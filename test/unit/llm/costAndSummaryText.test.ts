import assert from 'node:assert/strict';
import * as path from 'node:path';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { formatUsd } from '../../../src/core/llm/formatUsd';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { letterPlan, tempDir } from './helpers';

// Issue 7, item 5: costs below a cent printed as $0.0000, `llm run` printed an empty `{}`, and the CLI told
// the user to set a price "in the settings", which it does not have.
describe('llm: cost and summary texts', function () {
  this.timeout(20_000);
  it('formats costs with two significant digits below a dollar, cents above (hand-worked)', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.000123), '$0.00012'); // 1.23e-4: first digit at the 4th decimal → 5 decimals
    assert.equal(formatUsd(0.0000456), '$0.000046'); // 4.56e-5 rounds to 4.6e-5
    assert.equal(formatUsd(0.0123), '$0.012');
    assert.equal(formatUsd(0.5), '$0.50');
    assert.equal(formatUsd(12.345), '$12.35'); // toFixed(2) of 12.345 in binary is 12.35 (12.3450000000000006…)
    assert.equal(formatUsd(1234.5), '$1234.50');
  });

  it('estimate of a tiny priced plan prints its cost in significant digits, not $0.0000', async () => {
    const tmp = tempDir('ps-cost-');
    try {
      // one call of gpt-4o-mini at $0.15/$0.60 per 1M tokens, max_tokens 1: a few millionths of a dollar
      const [input] = (await exportBatchFiles(letterPlan(1, 'gpt-4o-mini'), tmp.dir, 'plan')) as [string];
      const r = await runCliCaptured(['llm', 'estimate', '--input', input]);
      assert.equal(r.code, 0, r.err);
      // 53 prompt tokens × $0.15/1M + 1 output token × $0.60/1M = $0.00000795 + $0.0000006 = $0.00000855
      assert.match(r.out, /input 53–53 tokens/);
      assert.match(r.out, /cost \$0\.00000(85|86)–\$0\.00000(85|86)/);
    } finally {
      tmp.remove();
    }
  });

  it('an unpriced model: says to set a price with --price, and --price prices it', async () => {
    const tmp = tempDir('ps-cost-');
    try {
      const [input] = (await exportBatchFiles(letterPlan(4, 'my-local-model'), tmp.dir, 'plan')) as [string];
      const r = await runCliCaptured(['llm', 'estimate', '--input', input]);
      assert.match(r.out, /no price for my-local-model \(set a price with --price/);
      assert.ok(!r.out.includes('settings'));
      // the cost was not estimated: it says so, never `$0.00–$0.00`
      assert.match(r.out, /; cost unknown \(no price for my-local-model\)/);
      assert.ok(!r.out.includes('$'), r.out);
      const priced = await runCliCaptured(['llm', 'estimate', '--input', input, '--price', 'my-local-model=1/2', '--json']);
      assert.ok((JSON.parse(priced.out) as { costUsd: { max: number } }).costUsd.max > 0);
      const bad = await runCliCaptured(['llm', 'estimate', '--input', input, '--price', 'm=1.2.3/4']);
      assert.equal(bad.code, 2);
    } finally {
      tmp.remove();
    }
  });

  it('llm run prints no empty {} when nothing failed, and names the reasons when something did', async () => {
    const tmp = tempDir('ps-summary-');
    const server = await startOpenAiTestServer({ models: ['my-local-model'] });
    try {
      const [input] = (await exportBatchFiles(letterPlan(6, 'my-local-model'), tmp.dir, 'plan')) as [string];
      const r = await runCliCaptured(['llm', 'run', '--input', input, '--endpoint', server.url, '--run-dir', path.join(tmp.dir, 'run'), '--price', 'my-local-model=1/2']);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '6 answered, 0 from cache, 0 already done, 0 failed, 0 retries\n');
      server.options.faults = { badRequest: 1 };
      const [other] = (await exportBatchFiles(letterPlan(3, 'my-local-model').map((p) => ({ ...p, id: `x${p.id}` })), path.join(tmp.dir, 'o'), 'plan')) as [string];
      const f = await runCliCaptured(['llm', 'run', '--input', other, '--endpoint', server.url, '--run-dir', path.join(tmp.dir, 'run2'), '--price', 'my-local-model=1/2']);
      assert.equal(f.code, 1);
      assert.match(f.out, /3 failed \(bad-request 3\)/);
    } finally {
      await server.close();
      tmp.remove();
    }
  });

  for (const [flag, value] of [['--concurrency', '0'], ['--max-attempts', 'abc'], ['--timeout', '-5'], ['--confirm-above', 'x']] as const) {
    it(`llm run ${flag} ${value} is bad input (exit 2)`, async () => {
      const r = await runCliCaptured(['llm', 'run', '--input', 'nope.jsonl', '--endpoint', 'http://127.0.0.1:1', '--run-dir', 'nope', flag, value]);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(flag));
    });
  }
});
