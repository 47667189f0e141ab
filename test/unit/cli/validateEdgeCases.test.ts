// `persona-studio validate` at its edges: several files with one missing, a named pipe, a folder, endpoint
// names from --endpoints and --settings, the problem cap, and output into a pipe that closes early.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliCaptured } from './runCli.test';

const root = path.resolve(__dirname, '../../..');
const BROKEN = 'name: s\nquestions:\n  - { id: Q1, text: a, options: [x, y] }\nbogus: 1\n';
const OK = 'name: s\nquestions:\n  - { id: Q1, text: a, options: [x, y] }\n';
const PERSONA = `name: p
method: anthology
endpoint: opnai
model: { name: m }
backstories: { count: 10, prompt: "Tell me about yourself." }
demographics:
  locator:
    endpoint: default
    model: { name: gpt-4o }
  variables:
    age: { question: "How old are you?", options: [young, old] }
`;

/** Node arguments that run the real entry point (`main()`, as bin/persona-studio.js does) from the sources. */
const mainArgs = (args: readonly string[]): string[] => ['-r', require.resolve('tsx/cjs'), '-e', `require(${JSON.stringify(path.join(root, 'src/cli/main.ts'))}).main()`, 'persona-studio', ...args];

/** Runs the real entry point (`main()`, as bin/persona-studio.js does) from the sources, with stdout a pipe. */
function runMain(args: readonly string[], cwd: string, onStdout: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, mainArgs(args), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  onStdout(child);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

describe('cli: validate edge cases', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ps-validate-edges-'));
    writeFileSync(path.join(dir, 'a.survey.yaml'), BROKEN);
    writeFileSync(path.join(dir, 'c.survey.yaml'), BROKEN);
    writeFileSync(path.join(dir, 'ok.survey.yaml'), OK);
    writeFileSync(path.join(dir, 'p.persona.yaml'), PERSONA);
    mkdirSync(path.join(dir, 'folder.survey.yaml'));
    writeFileSync(path.join(dir, 'settings.json'), '{\n  // endpoints of this machine\n  "personaStudio.endpoints": [\n    { "name": "openai", "baseUrl": "https://api.openai.com/v1" },\n    { "name": "default", "baseUrl": "http://localhost:8000/v1" }, // vLLM\n  ],\n}\n');
    const many = ['name: s', 'questions:', '  - { id: Q1, text: a, options: [x, y] }'];
    for (let i = 0; i < 2500; i++) many.push(`unknown_key_number_${i}: 1`);
    writeFileSync(path.join(dir, 'many.survey.yaml'), `${many.join('\n')}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing file among several and still checks every other file (exit 2: bad input wins)', async () => {
    const r = await runCliCaptured(['validate', 'a.survey.yaml', 'missing.survey.yaml', 'c.survey.yaml', 'ok.survey.yaml'], dir);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /missing\.survey\.yaml: cannot read the file \(no such file\)/);
    assert.match(r.out, /^a\.survey\.yaml:4:1: error: .*\[schema\/unknown-key\]$/m);
    assert.match(r.out, /^c\.survey\.yaml:4:1: error: .*\[schema\/unknown-key\]$/m);
    assert.match(r.err, /3 file\(s\) checked: 2 error\(s\), 0 warning\(s\); 1 file\(s\) could not be checked/);
  });

  it('lists a file it could not check in the --json output too', async () => {
    const r = await runCliCaptured(['validate', '--json', 'missing.survey.yaml', 'a.survey.yaml'], dir);
    assert.equal(r.code, 2);
    const problems = JSON.parse(r.out) as { file: string; rule: string }[];
    assert.deepEqual(problems.map((p) => [p.file, p.rule]), [['missing.survey.yaml', 'file/unreadable'], ['a.survey.yaml', 'schema/unknown-key']]);
  });

  it('says a folder is a folder, and goes on', async () => {
    const r = await runCliCaptured(['validate', 'folder.survey.yaml', 'ok.survey.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /folder\.survey\.yaml: cannot check it: it is a folder/);
    assert.match(r.err, /1 file\(s\) checked: 0 error\(s\)/);
  });

  it('does not hang on a named pipe: it says what it is without opening it', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe.survey.yaml');
    execFileSync('mkfifo', [fifo]);
    // A read blocks until a writer appears (synchronously: it would freeze this test run), so the CLI runs
    // in a child process that is killed if it hangs.
    const r = spawnSync(process.execPath, mainArgs(['validate', 'pipe.survey.yaml', 'ok.survey.yaml']), { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.signal, null, 'validate hung on the named pipe and was killed');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /pipe\.survey\.yaml: cannot check it: it is a named pipe \(FIFO\)/);
  });

  it('checks endpoint names against --endpoints, and not at all without it', async () => {
    const without = await runCliCaptured(['validate', 'p.persona.yaml'], dir);
    assert.doesNotMatch(without.out, /unknown-endpoint/);
    const r = await runCliCaptured(['validate', '--endpoints', 'default, openai', 'p.persona.yaml'], dir);
    assert.equal(r.code, 0, 'an unknown endpoint is a warning: the spec is right on a machine that has it');
    assert.match(r.out, /^p\.persona\.yaml:3:11: warning: No endpoint named "opnai" is configured.*Did you mean "openai"\?.*\[semantic\/unknown-endpoint\]$/m);
    assert.equal(r.out.trim().split('\n').length, 1, 'the locator names a configured endpoint');
  });

  it('reads the endpoint names from a VS Code settings.json (comments and trailing commas allowed)', async () => {
    const r = await runCliCaptured(['validate', '--settings', 'settings.json', 'p.persona.yaml'], dir);
    assert.match(r.out, /No endpoint named "opnai".*Configured: "openai" and "default"/);
    const bad = await runCliCaptured(['validate', '--settings', 'a.survey.yaml', 'p.persona.yaml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /a\.survey\.yaml: not a settings file/);
    const missing = await runCliCaptured(['validate', '--settings', 'nope.json', 'p.persona.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.json: cannot read the settings file \(no such file\)/);
  });

  it('caps the problems listed per file with a summary line, and counts them all', async () => {
    const r = await runCliCaptured(['validate', 'many.survey.yaml'], dir);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1001);
    assert.match(lines[1000]!, /1500 more error\(s\) after these 1000 not shown.*\[spec\/too-many-problems\]$/);
    assert.match(r.err, /1 file\(s\) checked: 2500 error\(s\)/);
    const few = await runCliCaptured(['validate', '--max-problems', '10', 'many.survey.yaml'], dir);
    assert.equal(few.out.trim().split('\n').length, 11);
    const bad = await runCliCaptured(['validate', '--max-problems', '0', 'many.survey.yaml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--max-problems must be a whole number/);
  });

  it('goes quiet when the reader of its output goes away (validate | head): no EPIPE stack trace', async () => {
    // 2,500 problems are about 500 KB of output, far more than a pipe buffer (64 KB).
    const r = await runMain(['validate', '--max-problems', '5000', 'many.survey.yaml'], dir, (child) => {
      child.stdout!.once('data', () => child.stdout!.destroy());
    });
    assert.doesNotMatch(r.err, /EPIPE|Unhandled|\n\s+at /, r.err);
    assert.equal(r.code, 1, `exit code of the validation itself, stderr: ${r.err}`);
  });
});
