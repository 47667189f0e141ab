import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { JournalWriter } from './journalWriter';
import { ResponseCache } from './responseCache';
import { loadResumeState, type ResumeState } from './resumeState';
import { damagedHint, readManifest, writeManifest, type RunManifest } from './runManifest';
import { takeRunLock } from './runLock';
import { RunStoreError } from './runStoreError';

export { RunStoreError, type RunStoreErrorReason } from './runStoreError';

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

/** The kind of thing at `path`: 'none' when nothing is there. */
function kindOf(path: string): 'none' | 'file' | 'directory' | 'other' {
  try {
    const st = fs.statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw new RunStoreError('damaged', `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})${damagedHint}`, path);
  }
}

/** Throws `RunStoreError('damaged')` unless `path` is absent or of the `expected` kind. */
function expectKind(path: string, expected: 'file' | 'directory', what: string): void {
  const kind = kindOf(path);
  if (kind === 'none' || kind === expected) return;
  const is = kind === 'directory' ? 'a directory' : kind === 'file' ? 'a file' : 'neither a file nor a folder';
  throw new RunStoreError('damaged', `${path} is ${is}, not ${what}${damagedHint}`, path);
}

/**
 * Opens (or creates) a run folder for writing: takes its lock (one writer per journal; a lock left by a
 * killed process, an earlier boot or a process whose pid was reused is taken over), checks or writes the
 * manifest, reads the journal into a resume state and opens it for appending. A folder whose files are not
 * what they should be is a `RunStoreError('damaged')` naming the file, and nothing in it is changed.
 */
export async function openRunStore(dir: string, options: OpenRunStoreOptions): Promise<RunStore> {
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RunStoreError('damaged', `cannot make the run folder ${dir} (${code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : (code ?? String(err))}); pass another folder`, dir);
  }
  expectKind(dir, 'directory', 'a run folder');
  const lockPath = nodePath.join(dir, 'run.lock');
  try {
    takeRunLock(lockPath);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (RunStoreError.is(err) || typeof e.code !== 'string') throw err;
    throw new RunStoreError('damaged', `cannot lock the run folder ${dir} (${e.code}): is it writable?`, dir);
  }
  try {
    const manifestPath = nodePath.join(dir, 'manifest.json');
    const journalPath = nodePath.join(dir, 'journal.jsonl');
    const cacheDir = options.cacheDir ?? nodePath.join(dir, 'cache');
    // everything is checked before anything is written
    expectKind(journalPath, 'file', 'a journal file');
    expectKind(cacheDir, 'directory', 'a folder');
    let manifest = await readManifest(manifestPath);
    const resumed = manifest !== undefined;
    if (manifest) {
      if (manifest.specHash !== options.manifest.specHash || manifest.endpoint.model !== options.manifest.endpoint.model) {
        throw new RunStoreError('mismatch', `${dir} holds a run of another spec or model (${manifest.specHash.slice(0, 12)}, ${manifest.endpoint.model}); pass another run folder, or move this one aside to start over`, dir);
      }
    } else {
      manifest = { version: 1, createdAt: new Date().toISOString(), ...options.manifest, batches: [] };
      await writeManifest(manifestPath, manifest);
    }
    const resume = await loadResumeState(journalPath);
    const journal = JournalWriter.open(journalPath);
    const cache = new ResponseCache(cacheDir);
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
    const e = err as NodeJS.ErrnoException;
    if (!RunStoreError.is(err) && typeof e.code === 'string' && typeof e.path === 'string') {
      throw new RunStoreError('damaged', `${e.path} cannot be used (${e.code})${damagedHint}`, e.path);
    }
    throw err;
  }
}
