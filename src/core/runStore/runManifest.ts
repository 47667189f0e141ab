import * as fs from 'node:fs';
import type { SamplingParams } from '../llm/llmRequest';
import { RunStoreError } from './runStoreError';
import { writeFileAtomic } from './writeFileAtomic';

/** One submitted batch job; its ids survive a restart here. */
export interface ManifestBatch {
  readonly batchId: string;
  readonly inputFileId: string;
  readonly endpoint: string;
  /**
   * The public base URL of the endpoint whose client created it (a run may batch on two endpoints: the study's and
   * the locator's); a resume polls it only through that endpoint. Absent in older manifests: then the manifest's
   * `endpoint.baseUrl` (the run's main endpoint).
   */
  readonly scope?: string;
  readonly requests: number;
  status: string;
  outputFileId?: string;
  errorFileId?: string;
  /** True once its output and error files have been merged into the journal and cache. */
  merged: boolean;
}

/**
 * The description of a run that the journal's lines refer to. Holds no secret: the endpoint is named by
 * its base URL and model, and the key by the environment variable it comes from, at most.
 */
export interface RunManifest {
  readonly version: 1;
  readonly createdAt: string;
  readonly specHash: string;
  readonly endpoint: { readonly name: string; readonly baseUrl: string; readonly model: string };
  readonly params: SamplingParams;
  readonly seeds: Readonly<Record<string, number>>;
  readonly versions: Readonly<Record<string, string>>;
  readonly totalRequests?: number;
  batches: ManifestBatch[];
}

export async function writeManifest(path: string, manifest: RunManifest): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What is wrong with a parsed manifest, or `undefined` when it has the shape of one. */
function manifestProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not a run manifest`;
  if (value.version === undefined) return 'has no version: it is not a run manifest';
  if (value.version !== 1) return `has version ${JSON.stringify(value.version)}, which this Persona Studio does not know (it writes version 1)`;
  if (typeof value.specHash !== 'string') return 'has no specHash';
  if (!isObject(value.endpoint) || typeof value.endpoint.model !== 'string' || typeof value.endpoint.baseUrl !== 'string') return 'has no endpoint with a baseUrl and model';
  if (!Array.isArray(value.batches)) return 'has no batches list';
  return undefined;
}

/**
 * The manifest at `path`, or `undefined` when there is none yet. A file that is there but is not a version-1
 * manifest (empty, not JSON, `null`, `{}`, `[]`, a folder) is a `RunStoreError('damaged')` naming it; it is
 * never overwritten.
 */
export async function readManifest(path: string): Promise<RunManifest | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const what = code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new RunStoreError('damaged', `${path} ${what}${damagedHint}`, path);
  }
  if (text.trim() === '') throw new RunStoreError('damaged', `${path} is empty, not a run manifest${damagedHint}`, path);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new RunStoreError('damaged', `${path} is not JSON, so not a run manifest${damagedHint}`, path);
  }
  const problem = manifestProblem(value);
  if (problem !== undefined) throw new RunStoreError('damaged', `${path} ${problem}${damagedHint}`, path);
  return value as unknown as RunManifest;
}

/** What to do about a damaged file in a run folder (nothing was changed). */
export const damagedHint = '; nothing was changed: move the run folder aside (or repair the file) and run again';
