import type { Command } from 'commander';
import type { CliContext } from '../cliContext';
import { registerAnalyze } from './analyze';
import { registerBounds } from './bounds';
import { registerCompare } from './compare';
import { registerEndpoint } from './endpoint';
import { registerLlm } from './llm';
import { registerStudy } from './study';
import { registerValidate } from './validate';

/** A CLI subcommand: adds itself (name, options, action) to the program. */
export type CommandRegistration = (program: Command, ctx: CliContext) => void;

/** Every subcommand of `persona-studio`, in the order `--help` lists them. */
export const commands: readonly CommandRegistration[] = [registerValidate, registerStudy, registerAnalyze, registerEndpoint, registerCompare, registerBounds, registerLlm];
