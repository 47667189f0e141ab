import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured as cli } from './runCli.test';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { studyFolder } from '../pipelines/studyFixture';

describe('cli: generate, simulate, estimate', function () {
  this.timeout(300_000);
  let server: OpenAiTestServer;
  let saved: string | undefined;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true });
    saved = process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_BASE_URL;
  });
  after(async () => {
    if (saved !== undefined) process.env.OPENAI_BASE_URL = saved;
    await server.close();
  });

  it('without an endpoint: one line naming the flags, exit 2, nothing written', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const r = await cli(['simulate', s.survey], s.dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /^persona-studio: no endpoint: pass --endpoint URL .*--endpoint-name NAME.*OPENAI_BASE_URL\n$/);
      assert.ok(!fs.existsSync(path.join(s.dir, 'runs')));
    } finally {
      s.remove();
    }
  });

  it('a missing spec or an unknown endpoint name is bad input (exit 2, one line)', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const missing = await cli(['generate', 'nope.persona.yaml', '--endpoint', server.url], s.dir);
      assert.equal(missing.code, 2);
      assert.equal(missing.err.trim().split('\n').length, 1);
      assert.match(missing.err, /nope\.persona\.yaml/);
      fs.mkdirSync(path.join(s.dir, '.vscode'));
      fs.writeFileSync(path.join(s.dir, '.vscode', 'settings.json'), `{\n  // named endpoints\n  "personaStudio.endpoints": [{ "name": "local", "baseUrl": "${server.url}" }],\n}\n`);
      const unknown = await cli(['generate', s.persona, '--endpoint-name', 'remote'], s.dir);
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /no endpoint named "remote".*known: local/);
    } finally {
      s.remove();
    }
  });

  it('estimate counts the calls still to send: 2 per backstory, locator questions and one call per sampled demographic variable (n = 40), one per persona and question (re-asks at the upper end)', async () => {
    const s = studyFolder({ humans: 60 });
    try {
      const r = await cli(['estimate', s.survey, '--count', '70', '--json'], s.dir);
      assert.equal(r.code, 0, r.err);
      const e = JSON.parse(r.out) as { stages: Record<string, { calls: number; callsMax: number }>; total: { calls: number; callsMax: number } };
      // by hand: 70 backstories × (preamble + question); 70 × 6 variables × 1 call of n = 40; 60 respondents × 25 questions
      assert.deepEqual({ b: e.stages.backstories!.calls, d: e.stages.demographics!.calls, s: e.stages.simulation!.calls }, { b: 140, d: 420, s: 1500 });
      assert.equal(e.total.calls, 2060);
      // the most: every locator misses (70 × 3 more sampled variables), every answer re-asked 100 times (1500 × 101)
      assert.deepEqual({ d: e.stages.demographics!.callsMax, s: e.stages.simulation!.callsMax, total: e.total.callsMax }, { d: 630, s: 151_500, total: 140 + 630 + 151_500 });
    } finally {
      s.remove();
    }
  });

  it('generate then simulate through a named endpoint; results on stdout, progress on stderr; Ctrl-C stops cleanly and the same command resumes', async () => {
    const s = studyFolder({ humans: 30 });
    try {
      fs.mkdirSync(path.join(s.dir, '.vscode'));
      // the persona spec sends its locator to the endpoint named `openai`: named too (here the same server)
      fs.writeFileSync(path.join(s.dir, '.vscode', 'settings.json'), JSON.stringify({ 'personaStudio.endpoints': [{ name: 'local', baseUrl: server.url }, { name: 'openai', baseUrl: server.url }] }));
      const g = await cli(['generate', 'small.persona.yaml', '--endpoint-name', 'local', '--count', '40', '--yes', '--json'], s.dir);
      assert.equal(g.code, 0, g.err);
      const generated = JSON.parse(g.out) as { written: number; surveyed: number };
      assert.deepEqual([generated.written, generated.surveyed], [40, 40]);
      assert.match(g.err, /backstories: \d+\/40 backstories; requests \d+ sent, 0 from journal, 0 cached, 0 failed; \d+ req\/s; ETA /);

      const controller = new AbortController();
      const before = server.log.length;
      const timer = setInterval(() => {
        if (server.log.length - before > 150) controller.abort();
      }, 2);
      const stopped = await cli(['simulate', 'bfi-small.survey.yaml', '--endpoint-name', 'local', '--count', '40', '--run-dir', 'run', '--yes'], s.dir, controller.signal);
      clearInterval(timer);
      assert.equal(stopped.code, 130);
      assert.match(stopped.err, /interrupted; everything answered is in the journal, run the same command again to resume/);
      assert.equal((JSON.parse(fs.readFileSync(path.join(s.dir, 'run', 'run.json'), 'utf8')) as { status: string }).status, 'cancelled');

      const done = await cli(['simulate', 'bfi-small.survey.yaml', '--endpoint-name', 'local', '--count', '40', '--run-dir', 'run', '--yes', '--json'], s.dir);
      assert.equal(done.code, 0, done.err);
      const out = JSON.parse(done.out) as { runDir: string; totals: { answered: number; refused: number; nonCompliant: number; failed: number } };
      assert.equal(out.totals.answered + out.totals.refused + out.totals.nonCompliant + out.totals.failed, 30 * 25);
      assert.match(done.err, /simulate: resuming run, \d+ answers in the journal/);
      assert.equal((JSON.parse(fs.readFileSync(path.join(s.dir, 'run', 'run.json'), 'utf8')) as { status: string }).status, 'done');
    } finally {
      s.remove();
    }
  });
});
