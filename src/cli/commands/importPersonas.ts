import type { Command } from 'commander';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readPersonaSet, type PersonaSetMapping } from '../../core/data/personaSets/index';
import { importedBackstory } from '../../core/pipelines/backstories/importedBackstory';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { progressLine } from '../progressLine';
import { cannotWrite, checkOutputFile, commitOutputFile, tempNameFor } from '../writeOutputFile';
import { asCliErrorAsync, collect } from './metricsInput';

interface ImportPersonasOptions {
  readonly text?: string;
  readonly format?: string;
  readonly id?: string;
  readonly demographic: string[];
  readonly out: string;
  readonly force?: boolean;
}

/** Bytes of JSON lines gathered before each write. */
const FLUSH = 1 << 20;

/**
 * `persona-studio import-personas <file.jsonl|.csv|.parquet> [--text COL] [--id COL] [--demographic var=COL]...
 * [--format jsonl|csv|parquet] --out X.backstories.jsonl [--force]` (without --text the whole record is the text, as JSON): an existing persona set as backstory records (persona method `import`),
 * streamed row by row into a temporary file that takes the place of --out at the end (never over an existing file
 * without --force).
 */
export function registerImportPersonas(program: Command, ctx: CliContext): void {
  program
    .command('import-personas')
    .description('Import an existing persona set (JSONL, CSV or Parquet) as backstories: a text column, an id column and demographic columns')
    .argument('<file>', 'the persona set: .jsonl/.ndjson, .csv/.tsv or .parquet')
    .option('--text <column>', 'column (field) holding the persona text (default: the whole record as JSON)')
    .option('--format <format>', 'jsonl, csv or parquet, whatever the extension says (default: from the extension)')
    .option('--id <column>', 'column holding a unique id (default: p + the row number)')
    .option('--demographic <var=column>', 'a demographic variable and its column (repeatable)', collect, [])
    .requiredOption('--out <file.backstories.jsonl>', 'where to write the backstories')
    .option('--force', 'replace --out if it exists')
    .action(async (file: string, opts: ImportPersonasOptions) => {
      if (!/\.backstories\.jsonl$/i.test(opts.out)) throw new CliError(`--out ${opts.out}: the name must end in .backstories.jsonl`, ExitCode.badInput);
      const demographics: Record<string, string> = {};
      for (const d of opts.demographic) {
        const eq = d.indexOf('=');
        const variable = eq > 0 ? d.slice(0, eq).trim() : '';
        const column = eq > 0 ? d.slice(eq + 1).trim() : '';
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable) || column === '') throw new CliError(`--demographic "${d}": expected VARIABLE=COLUMN, e.g. age=AGE`, ExitCode.badInput);
        if (variable in demographics) throw new CliError(`--demographic: "${variable}" is given twice`, ExitCode.badInput);
        demographics[variable] = column;
      }
      const format = opts.format;
      if (format !== undefined && format !== 'jsonl' && format !== 'csv' && format !== 'parquet') throw new CliError(`--format ${format}: expected jsonl, csv or parquet`, ExitCode.badInput);
      const mapping: PersonaSetMapping = { ...(opts.text === undefined ? {} : { text: opts.text }), ...(opts.id ? { id: opts.id } : {}), demographics };
      const out = path.resolve(ctx.cwd, opts.out);
      checkOutputFile(out, opts.out, opts.force === true);
      const tmp = tempNameFor(out);
      let fd: number;
      try {
        fd = openSync(tmp, 'w');
      } catch (err) {
        throw cannotWrite(opts.out, err);
      }
      const progress = progressLine((s) => ctx.err(s), file);
      const createdAt = new Date().toISOString();
      const source = path.basename(file);
      let written = 0;
      let skipped = 0;
      try {
        let buffer = '';
        await asCliErrorAsync(async () => {
          for await (const row of readPersonaSet(path.resolve(ctx.cwd, file), mapping, {
            source: file,
            ...(format === undefined ? {} : { format }),
            signal: ctx.signal,
            onSkip: () => skipped++,
            onProgress: (p) => progress.update(p.rows, 0, 'personas'),
          })) {
            buffer += `${JSON.stringify(importedBackstory(row, { file: source, createdAt }))}\n`;
            written++;
            if (buffer.length >= FLUSH) {
              writeSync(fd, buffer);
              buffer = '';
            }
          }
          if (buffer !== '') writeSync(fd, buffer);
        });
        closeSync(fd);
        fd = -1;
        if (written === 0) throw new CliError(`${file}: ${opts.text === undefined ? 'no persona in the file' : `no persona has a non-empty "${opts.text}"`}; nothing written`, ExitCode.badInput);
        commitOutputFile(tmp, out, opts.out, opts.force === true);
      } finally {
        if (fd >= 0) closeSync(fd);
        rmSync(tmp, { force: true });
      }
      ctx.out(`wrote ${opts.out}: ${written.toLocaleString('en-US')} persona${written === 1 ? '' : 's'} from ${file}${skipped ? `; ${skipped.toLocaleString('en-US')} row${skipped === 1 ? '' : 's'} skipped (empty text)` : ''}\n`);
    });
}
