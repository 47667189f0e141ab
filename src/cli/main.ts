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
  // The (sub)command being parsed, to name what is missing when a usage error comes.
  let current: Command | undefined;
  const program = new Command('persona-studio')
    .description('Persona Studio: persona and survey specs, simulations and fidelity metrics from the command line.')
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s),
      writeErr: (s) => ctx.err(s),
      outputError: (s, write) => write(usageError(current, s)),
    });
  const named = commands.find((c) => c.name === argv[0]);
  for (const entry of named ? [named] : commands) entry.load()(program, context);
  const each = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.hook('preSubcommand', (_parent, sub) => void (current = sub));
    for (const sub of cmd.commands) each(sub);
  };
  each(program);
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

/**
 * One line for a usage error, prefixed like every other error. When the command's required arguments
 * (its files) are missing, that is what it says, even if commander noticed a missing option first:
 * `persona-studio compare` is missing its two files before it is missing `--items`.
 */
function usageError(cmd: Command | undefined, commanderMessage: string): string {
  const message = commanderMessage.replace(/^error: /, '').trim();
  if (!cmd) return `persona-studio: ${message}\n`;
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  const full = names.join(' ');
  const required = cmd.registeredArguments.filter((a) => a.required);
  const missing = required.slice(cmd.args.length).map((a) => `<${a.name()}>`);
  const usage = `usage: ${full} ${cmd.usage()}`;
  if (missing.length > 0) {
    const what = missing.length === 1 ? `${missing[0]!} is missing` : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]!} are missing`;
    return `${full}: ${what}; give the file${required.length === 1 && !required[0]!.variadic ? '' : 's'} to read (${usage}).\n`;
  }
  return `${full}: ${message} (${usage}; see ${full} --help).\n`;
}

/** The process entry point used by `bin/persona-studio.js`. */
export function main(): void {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const ctx: CliContext = {
    cwd: process.cwd(),
    signal: controller.signal,
    out: quietOnClosedPipe(process.stdout),
    err: quietOnClosedPipe(process.stderr),
    setExitCode: () => undefined,
  };
  runCli(process.argv.slice(2), ctx).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      ctx.err(`persona-studio: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = ExitCode.badInput;
    },
  );
}

/**
 * A writer to `stream` that goes quiet once the reader has gone (`persona-studio validate … | head`):
 * the pipe's EPIPE, and every later write, are swallowed instead of dying with a stack trace; the
 * command still finishes and sets its exit code. Any other write error is reported once on stderr.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED' && stream !== process.stderr && !process.stderr.destroyed) {
      process.stderr.write(`persona-studio: cannot write the output: ${err.message}\n`);
    }
  });
  return (text) => {
    if (!closed && !stream.destroyed) stream.write(text);
  };
}
