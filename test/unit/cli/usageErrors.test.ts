// Usage errors: one line naming what is missing, exit 2; help texts cite documents that exist.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { commands } from '../../../src/cli/commands/index';
import { parseJsonWithComments } from '../../../src/cli/parseJsonWithComments';
import { runCliCaptured } from './runCli.test';

const root = path.resolve(__dirname, '../../..');

describe('cli: usage errors and help texts', () => {
  it('compare without files says the files are missing (not that --items is), exit 2', async () => {
    for (const args of [['compare'], ['compare', '--items', 'A1,A2']]) {
      const r = await runCliCaptured(args);
      assert.equal(r.code, 2);
      assert.equal(r.err, 'persona-studio compare: <a.csv> and <b.csv> are missing; give the files to read (usage: persona-studio compare [options] <a.csv> <b.csv>).\n');
    }
    const one = await runCliCaptured(['compare', 'a.csv', '--items', 'A1']);
    assert.match(one.err, /^persona-studio compare: <b\.csv> is missing/);
    const bounds = await runCliCaptured(['bounds']);
    assert.match(bounds.err, /^persona-studio bounds: <data\.csv> is missing; give the file to read/);
    const validate = await runCliCaptured(['validate']);
    assert.match(validate.err, /^persona-studio validate: <files> is missing/);
  });

  it('names the full subcommand and points to its help for other usage errors', async () => {
    const r = await runCliCaptured(['compare', 'a.csv', 'b.csv']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^persona-studio compare: required option '--items <list>' not specified \(usage: .*; see persona-studio compare --help\)\.\n$/);
    const nested = await runCliCaptured(['endpoint', 'test']);
    assert.match(nested.err, /^persona-studio endpoint test: required option/);
  });

  it('cites in its help texts only documents that exist in the repository', () => {
    const program = new Command('persona-studio');
    const noop = { cwd: root, signal: new AbortController().signal, out: () => undefined, err: () => undefined, setExitCode: () => undefined };
    for (const entry of commands) entry.load()(program, noop);
    const texts: string[] = [];
    const walk = (cmd: Command): void => {
      texts.push(cmd.helpInformation());
      cmd.commands.forEach(walk);
    };
    walk(program);
    const cited = [...new Set(texts.join('\n').match(/[\w./-]+\.md\b/g) ?? [])];
    assert.ok(cited.includes('docs/metrics.md'), `cited: ${cited.join(', ')}`);
    for (const doc of cited) assert.ok(existsSync(path.join(root, doc)), `${doc} is cited by a help text but is not in the repository`);
  });
});

describe('cli: settings.json reader (JSON with comments)', () => {
  it('reads comments and trailing commas, and leaves strings alone', () => {
    assert.deepEqual(
      parseJsonWithComments('\uFEFF{\n  // a comment\n  "a": "http://x//y /* not a comment */", /* block\n comment */\n  "b": [1, 2,],\n  "c": "quote \\" , ]",\n}\n'),
      { a: 'http://x//y /* not a comment */', b: [1, 2], c: 'quote " , ]' },
    );
  });

  it('throws on what is not JSON', () => {
    assert.throws(() => parseJsonWithComments('{ "a": }'), SyntaxError);
    assert.throws(() => parseJsonWithComments('name: p'), SyntaxError);
  });
});
