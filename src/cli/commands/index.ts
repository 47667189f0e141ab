import type { Command } from 'commander';
import type { CliContext } from '../cliContext';

/** A CLI subcommand: adds itself (name, options, action) to the program. */
export type CommandRegistration = (program: Command, ctx: CliContext) => void;

/**
 * A subcommand loaded on demand: `persona-studio compare …` loads only `compare`, so its start-up does not pay for
 * the LLM client or the tokenizer tables (about 1.5 s of the 2 s a bare start took); `--help` loads them all.
 */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CommandRegistration>;
}

/** Every subcommand of `persona-studio`, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = [
  { name: 'validate', load: async () => (await import('./validate')).registerValidate },
  { name: 'endpoint', load: async () => (await import('./endpoint')).registerEndpoint },
  { name: 'compare', load: async () => (await import('./compare')).registerCompare },
  { name: 'bounds', load: async () => (await import('./bounds')).registerBounds },
  { name: 'llm', load: async () => (await import('./llm')).registerLlm },
];
