import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { RunStoreError } from './runStoreError';

/**
 * Who holds a run folder's lock: enough to tell the holder from an unrelated process that got the same pid
 * later (after a reboot pids start again from 1, so a lock left by a crash can name a live process).
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** `/proc/sys/kernel/random/boot_id` on Linux: differs after every reboot. */
  readonly bootId?: string;
  /** Field 22 of `/proc/<pid>/stat` (clock ticks after boot when the process started): differs for a reused pid. */
  readonly startTime?: number;
  readonly at: string;
}

function readText(path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The current boot's id (Linux), or undefined where there is none. */
export function bootId(): string | undefined {
  return readText('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** When process `pid` started, in clock ticks after boot (Linux `/proc/<pid>/stat` field 22), or undefined. */
export function processStartTime(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

/** When the system booted, in ms since the epoch (Linux `/proc/stat` btime), or undefined. */
function bootTimeMs(): number | undefined {
  const m = /^btime (\d+)$/m.exec(readText('/proc/stat') ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

/** Clock ticks per second of `/proc/<pid>/stat` times: USER_HZ, 100 on every mainstream Linux architecture. */
const userHz = 100;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): Partial<LockHolder> | undefined {
  const trimmed = text.trim();
  // a lock written before the holder was recorded: the pid alone
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const v = JSON.parse(trimmed) as Partial<LockHolder> | null;
    return v !== null && typeof v === 'object' && Number.isInteger(v.pid) && (v.pid ?? 0) > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the lock at `path` (holding `holder`, written at `writtenMs`) belongs to a process that still runs:
 * the pid is alive and, where the system can tell, it is the same process (same boot, same start time; for a
 * lock that names the pid alone, a process that started before the lock was written). A lock from another
 * host cannot be checked and counts as held.
 */
function heldByLiveProcess(holder: Partial<LockHolder>, writtenMs: number): boolean {
  const pid = holder.pid!;
  if (holder.host !== undefined && holder.host !== os.hostname()) return true;
  const boot = bootId();
  if (holder.bootId !== undefined && boot !== undefined && holder.bootId !== boot) return false;
  if (!alive(pid)) return false;
  const start = processStartTime(pid);
  if (holder.startTime !== undefined) return start === undefined || start === holder.startTime;
  // the pid alone: a process that started after the lock was written cannot have written it
  const booted = bootTimeMs();
  if (start === undefined || booted === undefined) return true;
  const startedMs = booted + (start / userHz) * 1000;
  return startedMs <= writtenMs + 1000;
}

/** This process as a lock holder. */
function currentHolder(): LockHolder {
  const boot = bootId();
  const start = processStartTime(process.pid);
  return { pid: process.pid, host: os.hostname(), ...(boot === undefined ? {} : { bootId: boot }), ...(start === undefined ? {} : { startTime: start }), at: new Date().toISOString() };
}

/**
 * Takes the lock file at `path` for this process, or throws `RunStoreError('in-use')` naming the live holder
 * and what to do. The lock is created whole (written to a temporary file, then linked into place, so no one
 * ever reads a half-written lock); a lock left by a dead process, by an earlier boot, or naming a pid that
 * now belongs to another process is taken over.
 */
export function takeRunLock(path: string): void {
  const dir = nodePath.dirname(path);
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(currentHolder())}\n`);
  try {
    for (let i = 0; i < 3; i++) {
      try {
        fs.linkSync(tmp, path);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let text: string;
      let writtenMs: number;
      try {
        text = fs.readFileSync(path, 'utf8');
        writtenMs = fs.statSync(path).mtimeMs;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new RunStoreError('damaged', `${path} is a directory, not a lock file; nothing was changed: remove it and run again`, path);
        throw err;
      }
      const holder = parseHolder(text);
      if (holder !== undefined && heldByLiveProcess(holder, writtenMs)) {
        const where = holder.host !== undefined && holder.host !== os.hostname() ? ` on host ${holder.host}` : '';
        throw new RunStoreError(
          'in-use',
          `the run in ${dir} is open in process ${holder.pid}${where}; wait for it to finish, or if no run is going on, delete ${path} and run again`,
          path,
        );
      }
      // left by a crashed process, an earlier boot, or unreadable; removed only if no one replaced it meanwhile
      if (readText(path) === text) fs.rmSync(path, { force: true });
    }
    throw new RunStoreError('in-use', `could not lock ${path}: another process keeps taking it; try again`, path);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
