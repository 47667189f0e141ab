import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured as cli } from './runCli.test';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { studyFolder } from '../pipelines/studyFixture';

describe('cli: an unpriced model never passes --confirm-above silently', function () {
  this.timeout(120_000);
  let server: OpenAiTestServer;
  before(async () => void (server = await startOpenAiTestServer({ plausible: true })));
  after(async () => server.close());

  it('generate with test-base-model (no price): exit 1, "cost is unknown", names --price and --yes, nothing sent or written', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const before = server.log.length;
      const r = await cli(['generate', s.persona, '--endpoint', server.url, '--count', '3'], s.dir);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /persona-studio: the cost is unknown \(no price for test-base-model[^)]*\); set a price with --price .*--yes/);
      assert.equal(server.log.length, before, 'no request sent');
      assert.ok(!fs.existsSync(path.join(s.dir, 'small.backstories.jsonl')));
    } finally {
      s.remove();
    }
  });

  it('personaStudio.modelPrices of the settings file prices a model (.vscode/settings.json by default); a malformed entry is one line, exit 2', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      // $1 per 1M tokens in and out for both test models (chosen)
      const prices = { 'test-base-model': { inputPerMTok: 1, outputPerMTok: 1 }, 'test-model': { inputPerMTok: 1, outputPerMTok: 1 } };
      fs.writeFileSync(path.join(s.dir, 'prices.json'), JSON.stringify({ 'personaStudio.modelPrices': prices }));
      const priced = await cli(['estimate', s.persona, '--count', '3', '--settings', 'prices.json', '--json'], s.dir);
      assert.equal(priced.code, 0, priced.err);
      const e = JSON.parse(priced.out) as { stages: Record<string, { unpricedModels: string[] }>; total: { costUsd: { min: number; max: number } } };
      assert.deepEqual(Object.values(e.stages).flatMap((x) => x.unpricedModels), []);
      assert.ok(e.total.costUsd.min > 0 && e.total.costUsd.max >= e.total.costUsd.min, JSON.stringify(e.total));
      // the same prices from the workspace's .vscode/settings.json (JSON with comments, as VS Code writes it)
      fs.mkdirSync(path.join(s.dir, '.vscode'));
      fs.writeFileSync(path.join(s.dir, '.vscode', 'settings.json'), `// workspace settings\n${JSON.stringify({ 'personaStudio.modelPrices': prices })}`);
      const fallback = await cli(['estimate', s.persona, '--count', '3'], s.dir);
      assert.equal(fallback.code, 0, fallback.err);
      assert.match(fallback.out, /total: .*\$\d+\.\d\d/);
      assert.ok(!fallback.out.includes('unknown'), fallback.out);
      fs.writeFileSync(path.join(s.dir, 'typo.json'), JSON.stringify({ 'personaStudio.modelPrices': { 'test-base-model': { inputPerMtok: 1, outputPerMTok: 1 } } }));
      const bad = await cli(['estimate', s.persona, '--settings', 'typo.json'], s.dir);
      assert.equal(bad.code, 2, bad.err);
      assert.equal(bad.err.trim().split('\n').length, 1, bad.err);
      assert.match(bad.err, /typo\.json: personaStudio\.modelPrices\["test-base-model"\] needs inputPerMTok and outputPerMTok/);
    } finally {
      s.remove();
    }
  });

  it('estimate of an unpriced model prints "cost unknown (no price for …)" per stage and in total, never $0', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const e = await cli(['estimate', s.persona, '--count', '3'], s.dir);
      assert.equal(e.code, 0, e.err);
      assert.match(e.out, /total: \d+(–\d+)? calls, cost unknown \(no price for test-base-model[^)]*\)/);
      for (const line of e.out.split('\n').filter((l) => /calls/.test(l))) assert.match(line, /cost unknown/, line);
      assert.ok(!e.out.includes('$'), e.out);
    } finally {
      s.remove();
    }
  });

  it('estimate and the confirmation use --price: 3 backstories priced at $1/$2 per 1M tokens cost more than $0, less than $1000', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const prices = ['--price', 'test-base-model=1/2', '--price', 'test-model=1/2'];
      const e = await cli(['estimate', s.persona, '--count', '3', ...prices, '--json'], s.dir);
      assert.equal(e.code, 0, e.err);
      const est = JSON.parse(e.out) as { total: { costUsd: { min: number; max: number } }; stages: Record<string, { unpricedModels: string[] }> };
      assert.deepEqual(Object.values(est.stages).flatMap((x) => x.unpricedModels), []);
      assert.ok(est.total.costUsd.max > 0, 'a priced estimate is not $0');
      // above the threshold: stopped (exit 1) with the figure
      const above = await cli(['generate', s.persona, '--endpoint', server.url, '--count', '3', ...prices, '--confirm-above', '0'], s.dir);
      assert.equal(above.code, 1, above.err);
      assert.match(above.err, /estimated up to \$.*pass --yes/);
      const ok = await cli(['generate', s.persona, '--endpoint', server.url, '--count', '3', ...prices, '--confirm-above', '1000', '--json'], s.dir);
      assert.equal(ok.code, 0, ok.err);
      assert.equal((JSON.parse(ok.out) as { written: number }).written, 3);
      const bad = await cli(['generate', s.persona, '--endpoint', server.url, '--confirm-above', 'x'], s.dir);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--confirm-above expects/);
    } finally {
      s.remove();
    }
  });

  it('simulate: run.json totals.costUsd is tallied from the tokens with --price, null with the reason when unpriced', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const prices = ['--price', 'test-base-model=1/2', '--price', 'test-model=1/2'];
      const priced = await cli(['simulate', s.survey, '--endpoint', server.url, '--count', '12', '--run-dir', 'priced', ...prices, '--confirm-above', '1000'], s.dir);
      assert.equal(priced.code, 0, priced.err);
      type Totals = { calls: number; promptTokens: number; completionTokens: number; costUsd: number | null; costNote?: string };
      const t = (JSON.parse(fs.readFileSync(path.join(s.dir, 'priced', 'run.json'), 'utf8')) as { totals: Totals }).totals;
      assert.ok(t.promptTokens > 0);
      // every model at $1 in / $2 out per 1M tokens: cost = (prompt × 1 + completion × 2) / 1e6
      assert.ok(t.costUsd !== null && Math.abs(t.costUsd - (t.promptTokens + 2 * t.completionTokens) / 1e6) < 1e-12, JSON.stringify(t));
      assert.match(fs.readFileSync(path.join(s.dir, 'priced', 'report.md'), 'utf8'), /cost: \$0\.\d*[1-9]/);
      const unpriced = await cli(['simulate', s.survey, '--endpoint', server.url, '--count', '12', '--run-dir', 'unpriced', '--yes'], s.dir);
      assert.equal(unpriced.code, 0, unpriced.err);
      const u = (JSON.parse(fs.readFileSync(path.join(s.dir, 'unpriced', 'run.json'), 'utf8')) as { totals: Totals }).totals;
      assert.equal(u.costUsd, null);
      assert.match(u.costNote ?? '', /no price for test-base-model.*--price/);
      assert.match(fs.readFileSync(path.join(s.dir, 'unpriced', 'report.md'), 'utf8'), /cost: unknown \(no price for test-base-model/);
    } finally {
      s.remove();
    }
  });
});

describe('cli: a study whose every request fails says why (the failure reasons), never "run generate first"', function () {
  this.timeout(60_000);
  let server: OpenAiTestServer;
  before(async () => void (server = await startOpenAiTestServer({ plausible: true, apiKey: 'sk-right' })));
  after(async () => server.close());

  it('a wrong key with a trailing CR: exit 2, one line naming auth and the journal, the key never printed', async () => {
    const s = studyFolder({ humans: 10 });
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-wrong-secret\r';
    try {
      const r = await cli(['simulate', s.survey, '--endpoint', server.url, '--count', '3', '--run-dir', 'r', '--yes'], s.dir);
      assert.equal(r.code, 2, r.err);
      const last = r.err.trim().split('\n').pop()!;
      assert.match(last, /^persona-studio: no backstory was generated: (\d+) request\(s\) failed \(auth \1\); .*journal\.jsonl; fix the endpoint, model or API key/);
      assert.doesNotMatch(r.err, /generate` first|sk-wrong-secret/);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
      s.remove();
    }
  });
});
