import type { Command } from 'commander';
import path from 'node:path';
import { readTable } from '../../core/data/index';
import { openSav } from '../../core/data/sav/index';
import { readCodebook, savImportDictionary, surveySpecDocument, type ImportDictionary } from '../../core/pipelines/importSurvey/index';
import { createDefaultSpecService } from '../../core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../../core/spec/nodeSpecFileSystem';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { writeOutputFile } from '../writeOutputFile';
import { asCliError, asCliErrorAsync } from './metricsInput';

interface ImportOptions {
  readonly data?: string;
  readonly out?: string;
  readonly name?: string;
  readonly force?: boolean;
}

const SAV = /\.z?sav$/i;

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
      const sav = SAV.test(file);
      if (!sav && !/\.(csv|tsv|txt)$/i.test(file)) throw new CliError(`${file}: import reads an SPSS .sav/.zsav file or a CSV codebook`, ExitCode.badInput);
      if (!sav && !opts.data) throw new CliError(`${file}: a codebook describes CSV data; pass --data <file.csv>`, ExitCode.badInput);
      const base = path.basename(file).replace(/\.[^.]+$/, '');
      const outShown = opts.out ?? `${base}.survey.yaml`;
      const out = path.resolve(ctx.cwd, outShown);
      if (!/\.survey\.ya?ml$/i.test(out)) throw new CliError(`--out ${outShown}: a survey spec's name must end in .survey.yaml`, ExitCode.badInput);

      let dict: ImportDictionary;
      let label = '';
      if (sav) {
        // read every case once, so a damaged file is reported (and nothing written) now, not at the first run
        await asCliErrorAsync(() => readTable(abs, { source: file, signal: ctx.signal }));
        const f = asCliError(() => openSav(abs, { source: file }));
        f.close();
        label = f.dictionary.fileLabel;
        dict = savImportDictionary(f.dictionary, path.basename(file));
      } else {
        dict = await asCliErrorAsync(() => readCodebook(abs, { source: file, signal: ctx.signal }));
      }
      const dataAbs = opts.data ? path.resolve(ctx.cwd, opts.data) : abs;
      const skipped: { name: string; why: string }[] = [];
      if (opts.data) {
        const header = new Set((await asCliErrorAsync(() => readTable(dataAbs, { source: opts.data!, signal: ctx.signal }))).header);
        const missingCols = dict.variables.filter((v) => !header.has(v.name));
        for (const v of missingCols) skipped.push({ name: v.name, why: `not a column of ${opts.data}` });
        dict = { ...dict, variables: dict.variables.filter((v) => header.has(v.name)) };
      }
      let dataPath = path.relative(path.dirname(out), dataAbs).split(path.sep).join('/');
      if (!dataPath.startsWith('.')) dataPath = `./${dataPath}`;
      const spec = (() => {
        try {
          return surveySpecDocument(dict, { dataPath, name: opts.name ?? (label || base), skipped });
        } catch (err) {
          throw new CliError(err instanceof Error ? err.message : String(err), ExitCode.badInput);
        }
      })();
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
