import { DataError } from './DataError';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Receives each complete record of a {@link CsvScanner}. */
export interface CsvRecordSink {
  /**
   * Field i spans `buf[starts[i], ends[i])` (inside the quotes for a quoted field); `flags[i]` is 0 (plain),
   * 1 (quoted) or 3 (quoted with doubled `""` inside, to be unescaped). `line` is the 1-based line where it starts.
   * The views are only valid during the call.
   */
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, n: number, line: number): void;
}

/**
 * An incremental RFC 4180 tokenizer over bytes: push chunks of any size, complete records go to the sink. Records end
 * at LF, CRLF or a lone CR; quoted fields may hold delimiters, line breaks and doubled quotes; a UTF-8 BOM is skipped.
 * Strict where RFC 4180 is: a quote inside an unquoted field, text after a closing quote and an unterminated quote are
 * `DataError('parse')` naming the line.
 */
export class CsvScanner {
  private pending: Uint8Array | undefined;
  private started = false;
  private line = 1;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private flags = new Uint8Array(64);

  constructor(
    private readonly delimiter: number,
    private readonly sink: CsvRecordSink,
    private readonly source: string,
  ) {}

  /** Feeds the next bytes; with `final`, the input ends here (a last record without a line break is emitted). */
  push(chunk: Uint8Array, final = false): void {
    let buf = chunk;
    if (this.pending) {
      buf = new Uint8Array(this.pending.length + chunk.length);
      buf.set(this.pending);
      buf.set(chunk, this.pending.length);
      this.pending = undefined;
    }
    let from = 0;
    if (!this.started) {
      if (buf.length < 3 && !final) {
        this.pending = buf.slice();
        return;
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
    }
    const consumed = this.scan(buf, from, final);
    if (consumed < buf.length) this.pending = buf.slice(consumed);
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }

  private fail(line: number, what: string): never {
    throw new DataError('parse', `${this.source}: line ${line}: not valid CSV (${what})`, this.source, line);
  }

  /** Scans whole records from `pos`; returns where the first incomplete record starts (buf.length when none). */
  private scan(buf: Uint8Array, pos: number, final: boolean): number {
    const len = buf.length;
    const delim = this.delimiter;
    while (pos < len) {
      const recStart = pos;
      let n = 0;
      let breaks = 0;
      for (;;) {
        if (n === this.starts.length) this.grow();
        if (pos < len && buf[pos] === QUOTE) {
          pos++;
          const s = pos;
          let flag = 1;
          for (;;) {
            let c = 0;
            while (pos < len && (c = buf[pos]!) !== QUOTE) {
              if (c === LF || (c === CR && buf[pos + 1] !== LF)) breaks++;
              pos++;
            }
            if (pos >= len) {
              if (final) this.fail(this.line, 'a quoted field is never closed');
              return recStart;
            }
            if (pos + 1 >= len && !final) return recStart;
            if (buf[pos + 1] === QUOTE) {
              flag = 3;
              pos += 2;
              continue;
            }
            break;
          }
          this.starts[n] = s;
          this.ends[n] = pos;
          this.flags[n] = flag;
          n++;
          pos++;
          while (pos < len && (buf[pos] === 32 || buf[pos] === 9) && buf[pos] !== delim) pos++;
          if (pos >= len) {
            if (!final) return recStart;
            break;
          }
          const c = buf[pos]!;
          if (c === delim) {
            pos++;
            continue;
          }
          if (c !== LF && c !== CR) this.fail(this.line + breaks, `text after the closing quote of field ${n}`);
          break;
        }
        const s = pos;
        let c = 0;
        while (pos < len && (c = buf[pos]!) !== delim && c !== LF && c !== CR) {
          if (c === QUOTE) this.fail(this.line + breaks, `a quote inside the unquoted field ${n + 1}; quote the whole field and double the quote ("")`);
          pos++;
        }
        this.starts[n] = s;
        this.ends[n] = pos;
        this.flags[n] = 0;
        n++;
        if (pos >= len) {
          if (!final) return recStart;
          break;
        }
        if (c === delim) {
          pos++;
          continue;
        }
        break;
      }
      // at a line break, or at the end of the final input
      if (pos < len) {
        if (buf[pos] === CR) {
          if (pos + 1 >= len && !final) return recStart;
          pos++;
          if (pos < len && buf[pos] === LF) pos++;
        } else {
          pos++;
        }
      }
      this.sink.record(buf, this.starts, this.ends, this.flags, n, this.line);
      this.line += breaks + 1;
    }
    return pos;
  }
}
