import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import type { CliContext } from '../../../src/cli/cliContext';

/** Runs the CLI in-process and captures what it prints. */
export async function runCliCaptured(args: readonly string[], cwd = process.cwd(), signal = new AbortController().signal): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    cwd,
    signal,
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    setExitCode: () => undefined,
  };
  const code = await runCli(args, ctx);
  return { code, out, err };
}

describe('cli: runCli', () => {
  it('prints the package version with --version and exits 0', async () => {
    const r = await runCliCaptured(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d+\.\d+\.\d+/);
  });

  it('exits 2 on an unknown command and says so on stderr', async () => {
    const r = await runCliCaptured(['no-such-command']);
    assert.equal(r.code, 2);
    assert.notEqual(r.err.trim(), "", 'an error message on stderr');
  });
});
