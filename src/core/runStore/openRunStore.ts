import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { JournalWriter } from './journalWriter';
import { ResponseCache } from './responseCache';
import { loadResumeState, type ResumeState } from './resumeState';
import { readManifest, writeManifest, type RunManifest } from './runManifest';

/** Why a run folder could not be opened. */
export type RunStoreErrorReason = 'in-use' | 'mismatch';

export class RunStoreError extends Error {
  constructor(
    readonly reason: RunStoreErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'RunStoreError';
  }

  static is(err: unknown): err is RunStoreError {
    return err instanceof RunStoreError;
  }
}

/** An open run folder: `manifest.json`, `journal.jsonl` (append-only) and a lock while open. */
export interface RunStore {
  readonly dir: string;
  readonly manifestPath: string;
  readonly journalPath: string;
  readonly manifest: RunManifest;
  readonly journal: JournalWriter;
  readonly cache: ResponseCache;
  /** What the journal already holds: pass `resume.answered` as `done` to `runRequests` / `runBatch`. */
  readonly resume: ResumeState;
  /** True when the folder held an earlier run of the same spec and model. */
  readonly resumed: boolean;
  close(): void;
}

export interface OpenRunStoreOptions {
  /** The manifest for a new run; an existing one must have the same spec hash and model. */
  readonly manifest: Omit<RunManifest, 'version' | 'createdAt' | 'batches'>;
  /** Shared answer cache. @default `<dir>/cache` */
  readonly cacheDir?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function takeLock(path: string): void {
  for (let i = 0; i < 2; i++) {
    try {
      fs.writeFileSync(path, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new RunStoreError('in-use', `the run in ${nodePath.dirname(path)} is open in process ${pid}`);
      fs.rmSync(path, { force: true }); // left by a crashed process
    }
  }
  throw new RunStoreError('in-use', `could not lock ${path}`);
}

/**
 * Opens (or creates) a run folder for writing: takes its lock (one writer per journal; a lock left by a
 * killed process is taken over), checks or writes the manifest, reads the journal into a resume state and
 * opens it for appending.
 */
export async function openRunStore(dir: string, options: OpenRunStoreOptions): Promise<RunStore> {
  await fs.promises.mkdir(dir, { recursive: true });
  const lockPath = nodePath.join(dir, 'run.lock');
  takeLock(lockPath);
  try {
    const manifestPath = nodePath.join(dir, 'manifest.json');
    const journalPath = nodePath.join(dir, 'journal.jsonl');
    let manifest = await readManifest(manifestPath);
    const resumed = manifest !== undefined;
    if (manifest) {
      if (manifest.specHash !== options.manifest.specHash || manifest.endpoint.model !== options.manifest.endpoint.model) {
        throw new RunStoreError('mismatch', `${dir} holds a run of another spec or model (${manifest.specHash.slice(0, 12)}, ${manifest.endpoint.model})`);
      }
    } else {
      manifest = { version: 1, createdAt: new Date().toISOString(), ...options.manifest, batches: [] };
      await writeManifest(manifestPath, manifest);
    }
    const resume = await loadResumeState(journalPath);
    const journal = JournalWriter.open(journalPath);
    const cache = new ResponseCache(options.cacheDir ?? nodePath.join(dir, 'cache'));
    return {
      dir,
      manifestPath,
      journalPath,
      manifest,
      journal,
      cache,
      resume,
      resumed,
      close: () => {
        journal.close();
        fs.rmSync(lockPath, { force: true });
      },
    };
  } catch (err) {
    fs.rmSync(lockPath, { force: true });
    throw err;
  }
}
