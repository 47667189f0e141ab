import * as fs from 'node:fs';
import type { JournalRecord } from './journalRecord';

/**
 * Appends records to a JSONL journal. Records written in one turn of the event loop go out in a single
 * `write` at the end of the turn (so a crash loses at most what was still in flight); every line is whole.
 * On open, a torn last line left by a crash is terminated so the next record starts on its own line.
 */
export class JournalWriter {
  private fd: number | undefined;
  private pending: string[] = [];
  private scheduled = false;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  static open(path: string): JournalWriter {
    const fd = fs.openSync(path, 'a+');
    const size = fs.fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) fs.writeSync(fd, '\n');
    }
    return new JournalWriter(path, fd);
  }

  append(record: JournalRecord): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    this.pending.push(`${JSON.stringify(record)}\n`);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Appends one line already serialised by the caller (it must be a whole JSON record ending in a newline). */
  appendRaw(line: string): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    this.pending.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes everything appended so far. */
  flush(): void {
    this.scheduled = false;
    if (this.fd === undefined || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    fs.writeSync(this.fd, text);
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
