import type { Command } from 'commander';
import path from 'node:path';
import { ImportError, importSurveySpec, isSavFile } from '../../core/pipelines/importSurvey/index';
import { createDefaultSpecService } from '../../core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../../core/spec/nodeSpecFileSystem';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { writeOutputFile } from '../writeOutputFile';
import { asCliErrorAsync } from './metricsInput';

interface ImportOptions {
  readonly data?: string;
  readonly out?: string;
  readonly name?: string;
  readonly force?: boolean;
}

/**
 * `persona-studio import <file.sav|codebook.csv> [--data file.csv] [--out X.survey.yaml] [--name NAME] [--force]`:
 * writes a survey spec from an SPSS file's dictionary or a CSV codebook (src/core/pipelines/importSurvey), every
 * choice explained in a YAML comment, then validates it. Never overwrites without --force; writes atomically.
 */
export function registerImportSurvey(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('Write a survey spec from an SPSS .sav file (or a CSV codebook with --data): questions from labelled variables, missing codes, weight and demographics')
    .argument('<file>', 'an SPSS .sav/.zsav file, or a CSV codebook (variable, label, code, code label, missing)')
    .option('--data <file.csv>', 'the CSV data a codebook describes (required for a codebook; with a .sav, use this data file instead)')
    .option('--out <file.survey.yaml>', 'where to write the spec (default: <file name>.survey.yaml in the current folder)')
    .option('--name <name>', 'the spec name (default: the file label, or the file name)')
    .option('--force', 'replace --out if it exists')
    .action(async (file: string, opts: ImportOptions) => {
      const abs = path.resolve(ctx.cwd, file);
      const sav = isSavFile(file);
      if (!sav && !/\.(csv|tsv|txt)$/i.test(file)) throw new CliError(`${file}: import reads an SPSS .sav/.zsav file or a CSV codebook`, ExitCode.badInput);
      if (!sav && !opts.data) throw new CliError(`${file}: a codebook describes CSV data; pass --data <file.csv>`, ExitCode.badInput);
      const outShown = opts.out ?? `${path.basename(file).replace(/\.[^.]+$/, '')}.survey.yaml`;
      const out = path.resolve(ctx.cwd, outShown);
      if (!/\.survey\.ya?ml$/i.test(out)) throw new CliError(`--out ${outShown}: a survey spec's name must end in .survey.yaml`, ExitCode.badInput);

      const spec = await asCliErrorAsync(async () => {
        try {
          return await importSurveySpec(abs, {
            out,
            source: file,
            ...(opts.data ? { data: path.resolve(ctx.cwd, opts.data), dataSource: opts.data } : {}),
            ...(opts.name ? { name: opts.name } : {}),
            signal: ctx.signal,
          });
        } catch (err) {
          if (ImportError.is(err)) throw new CliError(err.message, ExitCode.badInput);
          throw err;
        }
      });
      writeOutputFile(out, outShown, spec.text, opts.force === true);
      const problems = createDefaultSpecService(nodeSpecFileSystem).validate(spec.text, out);
      const errors = problems.filter((p) => p.severity === 'error').length;
      ctx.out(
        [
          `wrote ${outShown}: ${spec.questions.length} question${spec.questions.length === 1 ? '' : 's'}` +
            `${spec.weight ? `, weight ${spec.weight}` : ', no weight'}` +
            `${spec.demographics.length ? `, demographics ${spec.demographics.join(', ')}` : ''}` +
            `${spec.skipped.length ? `; ${spec.skipped.length} variable${spec.skipped.length === 1 ? '' : 's'} not imported (listed at the end of the file)` : ''}`,
          `validate: ${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}${problems.length ? ` (persona-studio validate ${outShown})` : ''}`,
          '',
        ].join('\n'),
      );
      if (errors > 0) ctx.setExitCode(ExitCode.problems);
    });
}
