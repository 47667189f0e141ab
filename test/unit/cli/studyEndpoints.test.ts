import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured as cli } from './runCli.test';
import { LOCATOR_SYSTEM } from '../../../src/core/pipelines/demographicSurvey/locatorPrompt';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { completionBodies, studyFolder } from '../pipelines/studyFixture';

const isLocator = (b: Record<string, unknown>): boolean => Array.isArray(b.messages) && (b.messages as Array<{ role: string; content: string }>)[0]?.content === LOCATOR_SYSTEM;

function settings(dir: string, endpoints: ReadonlyArray<{ name: string; baseUrl: string }>, file = path.join('.vscode', 'settings.json')): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), `{\n  // the endpoints specs name\n  "personaStudio.endpoints": ${JSON.stringify(endpoints)},\n}\n`);
}

describe('cli: the endpoint names of the specs (endpoint:, demographics.locator.endpoint)', function () {
  this.timeout(120_000);
  let main: OpenAiTestServer;
  let locator: OpenAiTestServer;
  let saved: string | undefined;
  before(async () => {
    main = await startOpenAiTestServer({ plausible: true, logBodies: true });
    locator = await startOpenAiTestServer({ plausible: true, logBodies: true });
    saved = process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_BASE_URL;
  });
  after(async () => {
    if (saved !== undefined) process.env.OPENAI_BASE_URL = saved;
    await main.close();
    await locator.close();
  });
  beforeEach(() => {
    main.log.length = 0;
    locator.log.length = 0;
  });

  it('with no flag, the spec\'s names are resolved from the settings: the locator questions go to the locator\'s endpoint, everything else to the spec\'s', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      // small.persona.yaml: `endpoint: default`, locator `endpoint: openai`
      settings(s.dir, [{ name: 'default', baseUrl: main.url }, { name: 'openai', baseUrl: locator.url }]);
      const g = await cli(['generate', 'small.persona.yaml', '--count', '3', '--yes', '--json'], s.dir);
      assert.equal(g.code, 0, g.err);
      const toMain = completionBodies(main);
      const toLocator = completionBodies(locator);
      // by hand: 3 backstories × 3 variables with `locate: true` (age, education, income) = 9 locator questions
      assert.equal(toLocator.length, 9);
      assert.ok(toLocator.every(isLocator), 'only locator questions reach the locator endpoint');
      assert.ok(toMain.length > 0 && !toMain.some(isLocator), 'no locator question reaches the run endpoint');
      const out = JSON.parse(g.out) as { written: number; requests: { requests: number } };
      assert.equal(out.written, 3);
      // the run's request count includes the locator's
      assert.equal(out.requests.requests, toMain.length + toLocator.length);
    } finally {
      s.remove();
    }
  });

  it('--settings FILE names the endpoints instead of .vscode/settings.json; --locator-endpoint URL overrides the locator\'s name, and keeps its model under --model', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      settings(s.dir, [{ name: 'default', baseUrl: main.url }], 'endpoints.json');
      const g = await cli(['generate', 'small.persona.yaml', '--settings', 'endpoints.json', '--locator-endpoint', locator.url, '--model', 'test-base-model', '--count', '2', '--yes'], s.dir);
      assert.equal(g.code, 0, g.err);
      // --model replaces the run endpoint's models; the locator on its own endpoint keeps the spec's (test-model)
      assert.deepEqual([...new Set(completionBodies(locator).map((b) => b.model))], ['test-model']);
      assert.deepEqual([...new Set(completionBodies(main).map((b) => b.model))], ['test-base-model']);
      // by hand: 2 backstories × 3 located variables (age, education, income)
      assert.equal(completionBodies(locator).filter(isLocator).length, 6);
      assert.equal(completionBodies(main).filter(isLocator).length, 0);
    } finally {
      s.remove();
    }
  });

  it('an unknown name in the spec is one line naming it and the fix, exit 2, nothing sent or written', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      fs.writeFileSync(s.persona, fs.readFileSync(s.persona, 'utf8').replace(/^endpoint: default/m, 'endpoint: remote'));
      settings(s.dir, [{ name: 'default', baseUrl: main.url }]);
      const r = await cli(['simulate', 'bfi-small.survey.yaml', '--yes'], s.dir);
      assert.equal(r.code, 2);
      assert.equal(r.err.split('\n').filter((l) => l !== '').length, 1, r.err);
      assert.match(r.err, /small\.persona\.yaml names the endpoint "remote", which is not known \(known in \.vscode\/settings\.json: default\); add \{"name": "remote".*personaStudio\.endpoints.*--endpoint URL/);
      assert.equal(main.log.length, 0);
      assert.ok(!fs.existsSync(path.join(s.dir, 'runs')));
    } finally {
      s.remove();
    }
  });

  it('an unknown locator name with a named run endpoint is one line (exit 2); with --endpoint URL the locator follows it, with a note', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      settings(s.dir, [{ name: 'local', baseUrl: main.url }]);
      const named = await cli(['generate', 'small.persona.yaml', '--endpoint-name', 'local', '--count', '2', '--yes'], s.dir);
      assert.equal(named.code, 2);
      assert.equal(named.err.split('\n').filter((l) => l !== '').length, 1, named.err);
      assert.match(named.err, /demographics\.locator\.endpoint "openai" is not known \(known in \.vscode\/settings\.json: local\); add it to personaStudio\.endpoints.*--locator-endpoint URL, or --no-locator/);
      assert.equal(main.log.length, 0);

      const byUrl = await cli(['generate', 'small.persona.yaml', '--endpoint', main.url, '--count', '2', '--yes'], s.dir);
      assert.equal(byUrl.code, 0, byUrl.err);
      assert.match(byUrl.err, /the locator's endpoint "openai" \(small\.persona\.yaml\) is not known .*: the locator goes to http:\/\/127\.0\.0\.1:\d+\/v1 too/);
      assert.equal(completionBodies(main).filter(isLocator).length, 6);
      assert.equal(locator.log.length, 0);
    } finally {
      s.remove();
    }
  });
});
