import * as fs from 'node:fs';
import type { SamplingParams } from '../llm/llmRequest';
import { writeFileAtomic } from './writeFileAtomic';

/** One submitted batch job; its ids survive a restart here. */
export interface ManifestBatch {
  readonly batchId: string;
  readonly inputFileId: string;
  readonly endpoint: string;
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

/** The manifest at `path`, or `undefined` when there is none yet. */
export async function readManifest(path: string): Promise<RunManifest | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const value = JSON.parse(text) as RunManifest;
  if (value.version !== 1) throw new Error(`unsupported run manifest version ${String(value.version)}`);
  return value;
}
