// `generate` on persona specs whose method writes no backstories (meta, the ladder rungs, import, bio/qa/portray): the
// personas file simulate will use, written next to the spec so it can be reviewed before the survey is paid for;
// resumable through the generation journal; reused by simulate as reviewed; a file made with other settings refused.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MethodPersonaRecord } from '../../../src/core/pipelines/personaMethods/methodPersona';
import { PipelineError } from '../../../src/core/pipelines/shared/pipelineError';
import { generatePersonas, METHOD_PERSONAS_FILE, simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { readCsv, readJsonl, serverOptions, studyFolder } from './studyFixture';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

function ladderFolder(): { dir: string; survey: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-generate-'));
  const dir = path.join(root, 'ladder');
  fs.cpSync(path.join(examples, 'ladder'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) && !src.endsWith('.personas.jsonl') });
  fs.cpSync(path.join(examples, 'election'), path.join(root, 'election'), { recursive: true });
  return { dir, survey: path.join(dir, 'election-2020.survey.yaml'), remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

describe('generate: the personas file of a direct persona method, reused by simulate', function () {
  this.timeout(300_000);
  let server: OpenAiTestServer;
  let folder: ReturnType<typeof ladderFolder>;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true, logBodies: true });
    folder = ladderFolder();
  });
  after(async () => {
    await server.close();
    folder.remove();
  });
  const generationRequests = (): number => server.log.filter((e) => e.body !== undefined && e.body.includes('persona generation')).length;

  it('meta: the census personas in <name>.personas.jsonl; simulate uses the file as reviewed (a deleted persona is not asked)', async () => {
    const spec = path.join(folder.dir, 'ladder-meta.persona.yaml');
    const messages: string[] = [];
    const g = await generatePersonas(spec, serverOptions(server, 'live', { count: 12, onMessage: (m) => messages.push(m) }));
    const file = path.join(folder.dir, 'ladder-meta.personas.jsonl');
    assert.deepEqual(g.methodPersonas, { path: file, personas: 12, failed: 0, existing: false });
    const records = readJsonl<MethodPersonaRecord>(file);
    assert.deepEqual(records.map((r) => r.id), Array.from({ length: 12 }, (_, i) => `meta-${String(i).padStart(6, '0')}`));
    assert.equal(records[3]!.text, Object.entries(records[3]!.meta!).map(([k, v]) => `${k}: ${v}`).join('\n'));
    // the user reviews the file and removes one persona
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('\n').filter((l) => !l.includes('"meta-000004"')).join('\n'));
    const r = await simulateStudy(folder.survey, serverOptions(server, 'live', { personas: spec, count: 12, analyze: false, onMessage: (m) => messages.push(m) }));
    assert.ok(messages.some((m) => /^personas: 11 in ladder-meta\.personas\.jsonl already; delete the file to make them again$/.test(m)), messages.join('\n'));
    assert.equal(r.methodPersonas?.existing, true);
    const ids = readCsv(r.answersPath).slice(1).map((row) => row[0]);
    assert.equal(ids.length, 11);
    assert.ok(!ids.includes('meta-000004'), 'the persona removed in review is not asked');
    assert.deepEqual(readJsonl<MethodPersonaRecord>(path.join(r.runDir, METHOD_PERSONAS_FILE)), readJsonl<MethodPersonaRecord>(file), 'the run folder records the personas it used');
  });

  it('a ladder rung: one request per persona, resumed from the journal when run again, and not re-sent by simulate', async () => {
    const spec = path.join(folder.dir, 'ladder-objective.persona.yaml');
    const before = generationRequests();
    // the generation requests are estimated and confirmed first: declined, nothing is sent or written
    const seen: number[] = [];
    await assert.rejects(generatePersonas(spec, serverOptions(server, 'live', { count: 8, confirm: (e) => (seen.push(e.total.calls, e.stages.personas!.calls), false) })), (e: unknown) => PipelineError.is(e, 'declined'));
    assert.deepEqual(seen, [8, 8], 'one call per persona, in the personas stage');
    assert.equal(generationRequests(), before);
    assert.ok(!fs.existsSync(path.join(folder.dir, 'ladder-objective.personas.jsonl')));
    const g = await generatePersonas(spec, serverOptions(server, 'live', { count: 8 }));
    assert.equal(g.methodPersonas?.personas, 8);
    assert.equal(generationRequests() - before, 8, 'one generation request per persona');
    assert.equal(g.requests.sent, 8);
    const file = path.join(folder.dir, 'ladder-objective.personas.jsonl');
    const first = fs.readFileSync(file, 'utf8');
    // lost file (or a crash before it was written): the journal answers every request again, nothing is re-sent
    fs.rmSync(file);
    const messages: string[] = [];
    const again = await generatePersonas(spec, serverOptions(server, 'live', { count: 8, onMessage: (m) => messages.push(m) }));
    assert.equal(generationRequests() - before, 8, 'no request sent again');
    assert.deepEqual([again.requests.fromJournal, again.requests.sent], [8, 0]);
    assert.ok(messages.includes('generate: resuming, 8 answers in the journal'), messages.join('\n'));
    assert.equal(fs.readFileSync(file, 'utf8'), first, 'the same personas');
    const sim = await simulateStudy(folder.survey, serverOptions(server, 'live', { personas: spec, count: 8, analyze: false }));
    assert.equal(generationRequests() - before, 8, 'simulate reuses the personas file');
    assert.equal(readCsv(sim.answersPath).length - 1, 8);
    // another count is other settings: never the old file in their place
    await assert.rejects(simulateStudy(folder.survey, serverOptions(server, 'live', { personas: spec, count: 9, analyze: false })), (e: unknown) => PipelineError.is(e, 'config') && /was made with other settings .* pass the --count it was made with/.test(e.message));
  });

  it('import: without a text column the whole record is the text; import.format reads a file whatever its extension', async () => {
    const people = [{ uuid: 'u1', age: 34, state: 'Ohio' }, { uuid: 'u2', age: 71, state: 'Texas' }];
    fs.writeFileSync(path.join(folder.dir, 'people.txt'), people.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const spec = path.join(folder.dir, 'people.persona.yaml');
    fs.writeFileSync(spec, 'name: people\nmethod: import\nimport:\n  file: people.txt\n  format: jsonl\n  id: uuid\n  demographics: { STATE_NAME: state }\n');
    const g = await generatePersonas(spec, serverOptions(server, 'live'));
    assert.equal(g.methodPersonas?.personas, 2);
    const records = readJsonl<MethodPersonaRecord>(path.join(folder.dir, 'people.personas.jsonl'));
    assert.deepEqual(records.map((r) => [r.id, r.text, r.given]), [
      ['u1', '{"uuid":"u1","age":34,"state":"Ohio"}', { STATE_NAME: 'Ohio' }],
      ['u2', '{"uuid":"u2","age":71,"state":"Texas"}', { STATE_NAME: 'Texas' }],
    ]);
    // generate streams the set to the file and, run again, only checks the file line by line
    const messages: string[] = [];
    const again = await generatePersonas(spec, serverOptions(server, 'live', { onMessage: (m) => messages.push(m) }));
    assert.deepEqual(again.methodPersonas, { path: path.join(folder.dir, 'people.personas.jsonl'), personas: 2, failed: 0, existing: true });
    assert.deepEqual(messages, ['personas: 2 in people.personas.jsonl already; delete the file to make them again']);
    // a line broken in review is named, never skipped
    fs.appendFileSync(path.join(folder.dir, 'people.personas.jsonl'), '{"id": "u3", oops\n');
    await assert.rejects(generatePersonas(spec, serverOptions(server, 'live')), (e: unknown) => PipelineError.is(e, 'input') && /people\.personas\.jsonl: line 3 is not JSON/.test(e.message));
  });

  it('bio: written from a survey\'s respondents, so generate takes the survey spec; a persona spec alone says so', async () => {
    const study = studyFolder({ humans: 3 });
    try {
      fs.writeFileSync(study.persona, fs.readFileSync(study.persona, 'utf8').replace('method: anthology', 'method: bio'));
      await assert.rejects(generatePersonas(study.persona, serverOptions(server, 'live')), (e: unknown) => PipelineError.is(e, 'config') && /bio personas are written from a survey's respondents; run persona-studio generate <survey\.yaml>/.test(e.message));
      const g = await generatePersonas(study.survey, serverOptions(server, 'live'));
      const file = path.join(study.dir, 'small-anthology.bfi-small.personas.jsonl');
      assert.deepEqual(g.methodPersonas, { path: file, personas: 3, failed: 0, existing: false });
      assert.deepEqual(readJsonl<MethodPersonaRecord>(file).map((r) => r.humanId), ['61617', '61618', '61620']);
      const r = await simulateStudy(study.survey, serverOptions(server, 'live', { analyze: false }));
      assert.equal(r.methodPersonas?.existing, true);
      assert.deepEqual(readCsv(r.answersPath).slice(1).map((row) => row[1]), ['61617', '61618', '61620'], 'each persona still answers for its respondent');
    } finally {
      study.remove();
    }
  });

  it('the CLI: generate prints where the personas are; a second run finds them there', async () => {
    const spec = path.join(folder.dir, 'ladder-subjective.persona.yaml');
    const args = ['generate', spec, '--endpoint', server.url, '--count', '3', '--yes'];
    const r = await runCliCaptured(args, folder.dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `3 personas in ${path.join(folder.dir, 'ladder-subjective.personas.jsonl')}\n`);
    const again = await runCliCaptured(args, folder.dir);
    assert.match(again.out, /3 personas in .*ladder-subjective\.personas\.jsonl \(already there; delete the file to make them again\)\n$/);
  });
});
