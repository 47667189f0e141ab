import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../core/data/DataError';
import { ImportError, importSurveySpec, isSavFile } from '../core/pipelines/importSurvey/index';
import { writeFileAtomic } from '../core/runStore/writeFileAtomic';
import { toAbortSignal } from './cancellation';
import type { Log } from './log';

/**
 * "Import Survey Data": an SPSS `.sav` file (from the explorer's context menu, or picked) or a CSV codebook and its
 * data become `<name>.survey.yaml` beside the file (src/core/pipelines/importSurvey, as `persona-studio import`);
 * an existing spec is replaced only when the user says so. Opens the written spec. Returns its URI.
 */
export async function importSurveyData(log: Log, target?: unknown): Promise<vscode.Uri | undefined> {
  const picked =
    target instanceof vscode.Uri
      ? target
      : (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', title: 'Import Survey Data', filters: { 'SPSS data or CSV codebook': ['sav', 'zsav', 'csv'] } }))?.[0];
  if (!picked) return undefined;
  if (picked.scheme !== 'file') {
    void vscode.window.showErrorMessage('Import Survey Data reads files on this machine only; copy the file into the workspace first.');
    return undefined;
  }
  const file = picked.fsPath;
  let data: string | undefined;
  if (!isSavFile(file)) {
    const d = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as data', title: `The CSV data ${path.basename(file)} describes`, filters: { 'CSV data': ['csv', 'tsv', 'txt'] } });
    if (!d?.[0]) return undefined;
    data = d[0].fsPath;
  }
  const out = path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/, '')}.survey.yaml`);
  if (existsSync(out)) {
    const replace = 'Replace';
    const choice = await vscode.window.showWarningMessage(`${path.basename(out)} already exists. Replace it with a fresh import?`, { modal: true }, replace);
    if (choice !== replace) return undefined;
  }
  try {
    const spec = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Importing ${path.basename(file)}`, cancellable: true },
      (_progress, token) => importSurveySpec(file, { out, ...(data !== undefined ? { data } : {}), signal: toAbortSignal(token) }),
    );
    await writeFileAtomic(out, spec.text);
    const uri = vscode.Uri.file(out);
    await vscode.window.showTextDocument(uri);
    log.info(`imported ${file} into ${out}: ${spec.questions.length} questions, ${spec.skipped.length} variables not imported`);
    void vscode.window.showInformationMessage(
      `${path.basename(out)}: ${spec.questions.length} question(s)${spec.weight ? `, weight ${spec.weight}` : ''}${spec.demographics.length ? `, demographics ${spec.demographics.join(', ')}` : ''}. Every choice is explained in a comment; review them.`,
    );
    return uri;
  } catch (err) {
    if (DataError.is(err) || ImportError.is(err)) {
      void vscode.window.showErrorMessage(err.message);
      return undefined;
    }
    if (err instanceof Error && err.name === 'AbortError') return undefined;
    log.error(`import of ${file} failed`, err);
    throw err;
  }
}
