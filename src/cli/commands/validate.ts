import type { Command } from 'commander';
import path from 'node:path';
import { clipText } from '../../core/spec/clipText';
import { createDefaultSpecService } from '../../core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../../core/spec/nodeSpecFileSystem';
import type { SpecDiagnostic } from '../../core/spec/specDiagnostic';
import { describeFileKind } from '../../core/spec/specFileSystem';
import { specKindOf } from '../../core/spec/specKind';
import { DEFAULT_MAX_PROBLEMS } from '../../core/spec/specService';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { endpointNamesFromOptions } from '../endpointSettings';

/** One problem as `validate --json` prints it: 1-based lines and columns, like compilers. */
export interface ValidateProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: SpecDiagnostic['severity'];
  readonly rule: string;
  readonly message: string;
}

interface ValidateOptions {
  json?: boolean;
  endpoints?: string;
  settings?: string;
  maxProblems?: string;
}

/**
 * `persona-studio validate <file...>`: exit 1 when any spec has an error, 2 when a file could not be
 * checked (missing, not a spec, a folder or a pipe), 0 otherwise. A file that cannot be checked is
 * reported and skipped: the others are still checked.
 */
export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('Check *.survey.yaml and *.persona.yaml specs: YAML syntax, the schema, and semantic checks (ids, scales, template variables, files, human-data columns and codes, endpoint names).')
    .argument('<files...>', 'spec files to check')
    .option('--json', 'print the problems as a JSON array')
    .option('--endpoints <names>', 'comma-separated names of the configured endpoints: an `endpoint:` naming another one is reported')
    .option('--settings <file>', 'a VS Code settings.json whose personaStudio.endpoints names the configured endpoints (like --endpoints)')
    .option('--max-problems <n>', `report at most this many problems per file, then a summary line (default ${DEFAULT_MAX_PROBLEMS})`)
    .action((files: string[], options: ValidateOptions) => {
      const maxProblems = parseMaxProblems(options.maxProblems);
      const endpointNames = endpointNamesFromOptions(options, (p) => path.resolve(ctx.cwd, p));
      const service = createDefaultSpecService(nodeSpecFileSystem);
      const problems: ValidateProblem[] = [];
      let unreadable = 0;
      let errors = 0;
      let warnings = 0;
      for (const file of files) {
        const abs = path.resolve(ctx.cwd, file);
        const text = readSpec(file, abs);
        if (typeof text !== 'string') {
          unreadable++;
          ctx.err(`persona-studio: ${text.problem}\n`);
          problems.push({ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'file/unreadable', message: text.problem });
          continue;
        }
        for (const d of service.validate(text, abs, { maxProblems, ...(endpointNames ? { endpointNames } : {}) })) {
          problems.push(toProblem(file, d));
          errors += d.severity === 'error' ? 1 : 0;
          warnings += d.severity === 'warning' ? 1 : 0;
          // A summary line stands for the problems it does not list.
          if (d.hidden) {
            errors += d.hidden.errors - (d.severity === 'error' ? 1 : 0);
            warnings += d.hidden.warnings - (d.severity === 'warning' ? 1 : 0);
          }
        }
      }
      if (options.json) ctx.out(`${JSON.stringify(problems, null, 2)}\n`);
      else for (const p of problems) if (p.rule !== 'file/unreadable') ctx.out(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.rule}]\n`);
      const checked = files.length - unreadable;
      const skipped = unreadable > 0 ? `; ${unreadable} file(s) could not be checked` : '';
      if (!options.json) ctx.err(`${checked} file(s) checked: ${errors} error(s), ${warnings} warning(s)${skipped}\n`);
      ctx.setExitCode(unreadable > 0 ? ExitCode.badInput : errors > 0 ? ExitCode.problems : ExitCode.ok);
    });
}

/** The spec's text, or why it cannot be checked: regular files only (a named pipe would block the read). */
function readSpec(file: string, abs: string): string | { problem: string } {
  const shown = clipText(file);
  if (!specKindOf(abs)) return { problem: `${shown}: not a spec file; the name must end in .survey.yaml or .persona.yaml.` };
  const stat = nodeSpecFileSystem.stat(abs);
  if (!stat) return { problem: `${shown}: cannot read the file (no such file); check the path.` };
  if (!stat.isFile) return { problem: `${shown}: cannot check it: it is ${describeFileKind(stat.kind, stat.isFile)}, not a spec file.` };
  const text = nodeSpecFileSystem.readText(abs);
  return text ?? { problem: `${shown}: cannot read the file (permission denied?).` };
}

function parseMaxProblems(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_PROBLEMS;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) throw new CliError(`--max-problems must be a whole number ≥ 1, got "${clipText(raw)}".`);
  return n;
}

function toProblem(file: string, d: SpecDiagnostic): ValidateProblem {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  };
}
