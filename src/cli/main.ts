import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { CliError, ExitCode } from './cliError';
import type { CliContext } from './cliContext';
import { commands } from './commands/index';

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const context: CliContext = {
    ...ctx,
    setExitCode: (code) => {
      exitCode = code;
      ctx.setExitCode(code);
    },
  };
  const program = new Command('persona-studio')
    .description('Persona Studio: persona and survey specs, simulations and fidelity metrics from the command line.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  const named = commands.find((c) => c.name === argv[0]);
  for (const entry of named ? [named] : commands) entry.load()(program, context);
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    if (CliError.is(err)) {
      ctx.err(`persona-studio: ${err.message}\n`);
      return err.exitCode;
    }
    if (ctx.signal.aborted) {
      ctx.err('persona-studio: interrupted\n');
      return ExitCode.interrupted;
    }
    throw err;
  }
}

/** The process entry point used by `bin/persona-studio.js`. */
export function main(): void {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const ctx: CliContext = {
    cwd: process.cwd(),
    signal: controller.signal,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    setExitCode: () => undefined,
  };
  runCli(process.argv.slice(2), ctx).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`persona-studio: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = ExitCode.badInput;
    },
  );
}
