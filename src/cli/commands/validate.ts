import type { Command } from 'commander';
import path from 'node:path';
import { createDefaultSpecService } from '../../core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../../core/spec/nodeSpecFileSystem';
import type { SpecDiagnostic } from '../../core/spec/specDiagnostic';
import { specKindOf } from '../../core/spec/specKind';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';

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

/** `persona-studio validate <file...> [--json]`: exit 1 when any file has an error, 0 otherwise. */
export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('Check *.survey.yaml and *.persona.yaml specs: YAML syntax, the schema, and semantic checks (ids, scales, template variables, files, human-data columns and codes).')
    .argument('<files...>', 'spec files to check')
    .option('--json', 'print the problems as a JSON array')
    .action((files: string[], options: { json?: boolean }) => {
      const service = createDefaultSpecService(nodeSpecFileSystem);
      const problems: ValidateProblem[] = [];
      for (const file of files) {
        const abs = path.resolve(ctx.cwd, file);
        if (!specKindOf(abs)) throw new CliError(`${file}: not a spec file; the name must end in .survey.yaml or .persona.yaml.`);
        const text = nodeSpecFileSystem.readText(abs);
        if (text === undefined) throw new CliError(`${file}: cannot read the file (does it exist?).`);
        for (const d of service.validate(text, abs)) problems.push(toProblem(file, d));
      }
      if (options.json) ctx.out(`${JSON.stringify(problems, null, 2)}\n`);
      else for (const p of problems) ctx.out(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.rule}]\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      if (!options.json) {
        const warnings = problems.length - errors;
        ctx.err(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
      }
      ctx.setExitCode(errors > 0 ? ExitCode.problems : ExitCode.ok);
    });
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
