import type { Command } from 'commander';
import type { CliContext } from '../cliContext';

/** A CLI subcommand: adds itself (name, options, action) to the program. */
export type CommandRegistration = (program: Command, ctx: CliContext) => void;

/**
 * A subcommand loaded on demand: `persona-studio compare …` loads only `compare`, so its start-up does not pay for
 * the LLM client or the tokenizer tables (about 1.5 s of the 2 s a bare start took); `--help` loads them all.
 * `require` (not `import()`): esbuild then bundles each command as a module initialised on first use, and the unit
 * tests (tsx, CommonJS) resolve it the same way.
 */
export interface CommandEntry {
  readonly name: string;
  load(): CommandRegistration;
}

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading, see CommandEntry */
/** Every subcommand of `persona-studio`, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = [
  { name: 'validate', load: () => (require('./validate') as typeof import('./validate')).registerValidate },
  { name: 'generate', load: () => (require('./study') as typeof import('./study')).registerGenerate },
  { name: 'simulate', load: () => (require('./study') as typeof import('./study')).registerSimulate },
  { name: 'estimate', load: () => (require('./study') as typeof import('./study')).registerEstimate },
  { name: 'endpoint', load: () => (require('./endpoint') as typeof import('./endpoint')).registerEndpoint },
  { name: 'compare', load: () => (require('./compare') as typeof import('./compare')).registerCompare },
  { name: 'bounds', load: () => (require('./bounds') as typeof import('./bounds')).registerBounds },
  { name: 'analyze', load: () => (require('./analyze') as typeof import('./analyze')).registerAnalyze },
  { name: 'report', load: () => (require('./analyze') as typeof import('./analyze')).registerReport },
  { name: 'import', load: () => (require('./importSurvey') as typeof import('./importSurvey')).registerImportSurvey },
  { name: 'import-personas', load: () => (require('./importPersonas') as typeof import('./importPersonas')).registerImportPersonas },
  { name: 'llm', load: () => (require('./llm') as typeof import('./llm')).registerLlm },
];
/* eslint-enable @typescript-eslint/no-require-imports */
