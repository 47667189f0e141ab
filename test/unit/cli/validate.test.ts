import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliCaptured } from './runCli.test';

/** Specs written fresh for these tests; each problem's line and column are counted by hand (1-based). */
const broken: Record<string, { text: string; expect: string[] }> = {
  'syntax.survey.yaml': {
    text: 'name: s\nquestions:\n  - id: Q1\n    text: "Unclosed\n',
    expect: [':5:1: error: ', '[yaml/syntax]'],
  },
  'duplicate.survey.yaml': {
    text: 'name: s\nquestions: []\nname: again\n',
    expect: [':3:1: error: ', '[yaml/duplicate-key]'],
  },
  'unknown.persona.yaml': {
    text: 'name: p\nmethod: anthology\nmodle: { name: m }\n',
    expect: [":3:1: error: Unknown key 'modle' at the top level. Did you mean 'model'?", '[schema/unknown-key]'],
  },
  'type.survey.yaml': {
    text: 'name: s\nquestions:\n  - id: Q1\n    text: Do you agree?\n    options: [No, Yes]\n    codes: [0, "one"]\n',
    expect: [':6:16: error: Expected a number', '[schema/type]'],
  },
};

describe('cli: persona-studio validate', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ps-validate-'));
    for (const [name, { text }] of Object.entries(broken)) writeFileSync(path.join(dir, name), text);
    writeFileSync(path.join(dir, 'ok.survey.yaml'), 'name: s\nquestions:\n  - { id: Q1, text: Do you agree?, options: [No, Yes], codes: [0, 1] }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, { expect }] of Object.entries(broken)) {
    it(`reports ${name} at its exact line and column and exits 1`, async () => {
      const r = await runCliCaptured(['validate', name], dir);
      assert.equal(r.code, 1, r.out + r.err);
      const line = r.out.split('\n').find((l) => l.includes(expect[1]!));
      assert.ok(line, `no ${expect[1]} line in:\n${r.out}`);
      assert.ok(line.startsWith(name + expect[0]!), `expected ${name}${expect[0]} in: ${line}`);
    });
  }

  it('exits 0 and prints nothing on stdout for a valid spec', async () => {
    const r = await runCliCaptured(['validate', 'ok.survey.yaml'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.out, '');
  });

  it('prints JSON with --json', async () => {
    const r = await runCliCaptured(['validate', '--json', 'type.survey.yaml', 'ok.survey.yaml'], dir);
    assert.equal(r.code, 1);
    const problems = JSON.parse(r.out) as { file: string; line: number; column: number; rule: string; severity: string }[];
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.rule, p.severity]),
      [['type.survey.yaml', 6, 16, 'schema/type', 'error']],
    );
  });

  it('exits 2 with a clear message for a missing file', async () => {
    const r = await runCliCaptured(['validate', 'missing.survey.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.survey\.yaml: cannot read the file/);
  });

  it('exits 2 for a file that is not a spec', async () => {
    const r = await runCliCaptured(['validate', 'data.csv'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /must end in \.survey\.yaml or \.persona\.yaml/);
  });
});
