// `generate` of persona methods that send nothing to a model (meta: census-sampled; import: an existing set;
// bio/qa/portray: templates over a survey's respondents) runs with no endpoint configured (no --endpoint, no
// OPENAI_BASE_URL, no settings) and no API key, and contacts nothing; a method that writes with a model still needs
// an endpoint and says how to give one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { studyFolder } from '../pipelines/studyFixture';
import { runCliCaptured } from './runCli.test';

const examples = path.join(__dirname, '..', '..', '..', 'examples');
const ENV = ['OPENAI_BASE_URL', 'OPENAI_API_KEY'] as const;

describe('cli: generate without an endpoint for methods that send nothing', function () {
  this.timeout(120_000);
  let root: string;
  let dir: string;
  let server: OpenAiTestServer;
  const saved: Partial<Record<(typeof ENV)[number], string>> = {};
  before(async () => {
    for (const k of ENV) {
      if (process.env[k] !== undefined) saved[k] = process.env[k];
      delete process.env[k];
    }
    server = await startOpenAiTestServer({ plausible: true });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-offline-'));
    dir = path.join(root, 'ladder');
    fs.cpSync(path.join(examples, 'ladder'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) && !src.endsWith('.personas.jsonl') });
  });
  after(async () => {
    for (const k of ENV) {
      if (saved[k] !== undefined) process.env[k] = saved[k];
      else delete process.env[k];
    }
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('meta: written with no endpoint and no key anywhere', async () => {
    const r = await runCliCaptured(['generate', 'ladder-meta.persona.yaml', '--count', '5'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `5 personas in ${path.join(dir, 'ladder-meta.personas.jsonl')}\n`);
  });

  it('import: written with no endpoint; a key variable named but unset is not asked for', async () => {
    fs.writeFileSync(path.join(dir, 'people.jsonl'), '{"uuid":"u1","bio":"I farm."}\n{"uuid":"u2","bio":"I teach."}\n');
    fs.writeFileSync(path.join(dir, 'people.persona.yaml'), 'name: people\nmethod: import\nimport:\n  file: people.jsonl\n  id: uuid\n  text: bio\n');
    const r = await runCliCaptured(['generate', 'people.persona.yaml', '--api-key-env', 'PS_TEST_NO_SUCH_KEY'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `2 personas in ${path.join(dir, 'people.personas.jsonl')}\n`);
  });

  it('with an endpoint configured, meta and import still contact nothing', async () => {
    fs.rmSync(path.join(dir, 'people.personas.jsonl'), { force: true });
    const before = server.log.length;
    for (const spec of ['people.persona.yaml', 'ladder-meta.persona.yaml']) {
      const r = await runCliCaptured(['generate', spec, '--endpoint', server.url, '--count', '5'], dir);
      assert.equal(r.code, 0, r.err);
    }
    assert.equal(server.log.length, before, 'no request reached the server');
  });

  it('bio (a template over the survey\'s respondents): written with no endpoint', async () => {
    const s = studyFolder({ humans: 3 });
    try {
      fs.writeFileSync(s.persona, fs.readFileSync(s.persona, 'utf8').replace('method: anthology', 'method: bio'));
      const r = await runCliCaptured(['generate', s.survey], s.dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, `3 personas in ${path.join(s.dir, 'small-anthology.bfi-small.personas.jsonl')}\n`);
    } finally {
      s.remove();
    }
  });

  it('a ladder rung writes its personas with a model: without an endpoint, one line saying how to give one (exit 2), nothing written', async () => {
    const r = await runCliCaptured(['generate', 'ladder-objective.persona.yaml', '--count', '3'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^persona-studio: no endpoint: pass --endpoint URL .*--endpoint-name NAME.*OPENAI_BASE_URL\n$/);
    assert.ok(!fs.existsSync(path.join(dir, 'ladder-objective.personas.jsonl')));
  });

  it('estimate of a direct-method persona spec alone counts what generate sends: a ladder rung one request per meta persona, meta none', async () => {
    // by hand: --count 10 objective-tabular personas, one generation request each (no survey: no simulation stage)
    const rung = await runCliCaptured(['estimate', 'ladder-objective.persona.yaml', '--count', '10', '--json'], dir);
    assert.equal(rung.code, 0, rung.err);
    const e = JSON.parse(rung.out) as { stages: Record<string, { calls: number }>; total: { calls: number } };
    assert.deepEqual(Object.keys(e.stages), ['personas']);
    assert.equal(e.stages.personas!.calls, 10);
    const meta = await runCliCaptured(['estimate', 'ladder-meta.persona.yaml', '--count', '10', '--json'], dir);
    assert.equal(meta.code, 0, meta.err);
    assert.equal((JSON.parse(meta.out) as { total: { calls: number } }).total.calls, 0);
  });
});
