import type { ByteSource } from './byteSource';
import { SavError } from './SavError';

/**
 * Sequential reader over a {@link ByteSource} through a small window (never the whole file), in the file's byte
 * order. Knows what it is reading (`context`, e.g. "variable record 3") so every error names the record and the byte
 * offset.
 */
export class ByteCursor {
  private buf: Uint8Array;
  private view: DataView;
  /** File offset of buf[0]. */
  private bufStart = 0;
  private bufLen = 0;
  /** Offset of the next byte to read. */
  pos = 0;
  littleEndian = true;
  /** What is being read, for error messages. */
  context = 'the file header';

  constructor(
    private readonly src: ByteSource,
    /** File name for error messages. */
    readonly source: string,
    private readonly window = 1 << 16,
  ) {
    this.buf = new Uint8Array(window);
    this.view = new DataView(this.buf.buffer);
  }

  get size(): number {
    return this.src.size;
  }

  /** True when every byte has been read. */
  get atEnd(): boolean {
    return this.pos >= this.src.size;
  }

  /** Makes bytes [pos, pos + n) available in the window, or throws `truncated`. */
  private ensure(n: number): number {
    const rel = this.pos - this.bufStart;
    if (rel >= 0 && rel + n <= this.bufLen) return rel;
    if (this.pos + n > this.src.size) throw this.truncated(n);
    if (n > this.buf.length) {
      this.buf = new Uint8Array(Math.max(n, this.window));
      this.view = new DataView(this.buf.buffer);
    }
    this.bufStart = this.pos;
    this.bufLen = this.src.read(this.pos, this.buf);
    if (this.bufLen < n) throw this.truncated(n);
    return 0;
  }

  uint8(): number {
    const i = this.ensure(1);
    this.pos += 1;
    return this.buf[i]!;
  }

  int32(): number {
    const i = this.ensure(4);
    this.pos += 4;
    return this.view.getInt32(i, this.littleEndian);
  }

  /** A 64-bit integer as a number; throws `corrupt` when it is beyond 2^53. */
  int64(): number {
    const at = this.pos;
    const i = this.ensure(8);
    this.pos += 8;
    const v = this.view.getBigInt64(i, this.littleEndian);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(-Number.MAX_SAFE_INTEGER)) throw this.corrupt(`64-bit integer ${v} is out of range`, at);
    return Number(v);
  }

  float64(): number {
    const i = this.ensure(8);
    this.pos += 8;
    return this.view.getFloat64(i, this.littleEndian);
  }

  /** A copy of the next `n` bytes. */
  bytes(n: number): Uint8Array {
    if (n < 0) throw this.corrupt(`negative length ${n}`);
    if (n === 0) return new Uint8Array(0);
    const i = this.ensure(n);
    this.pos += n;
    return this.buf.slice(i, i + n);
  }

  skip(n: number): void {
    if (n < 0) throw this.corrupt(`negative length ${n}`);
    if (this.pos + n > this.src.size) throw this.truncated(n);
    this.pos += n;
  }

  /**
   * Copies up to `n` bytes into `target` at `off` and advances; returns how many were copied (fewer only at the end
   * of the file). For the case data, where the end of the file is not an error in itself.
   */
  readUpTo(target: Uint8Array, off: number, n: number): number {
    let done = 0;
    while (done < n && this.pos < this.src.size) {
      let rel = this.pos - this.bufStart;
      if (rel < 0 || rel >= this.bufLen) {
        this.bufStart = this.pos;
        this.bufLen = this.src.read(this.pos, this.buf);
        if (this.bufLen === 0) break;
        rel = 0;
      }
      const k = Math.min(n - done, this.bufLen - rel);
      if (k <= 16) for (let i = 0; i < k; i++) target[off + done + i] = this.buf[rel + i]!;
      else target.set(this.buf.subarray(rel, rel + k), off + done);
      done += k;
      this.pos += k;
    }
    return done;
  }

  /** Error: the file ends inside what is being read. */
  truncated(needed: number, at = this.pos): SavError {
    return new SavError(
      'truncated',
      `${this.source}: truncated: the file ends at byte ${this.src.size} inside ${this.context} (${needed} bytes needed at byte ${at}); the file was cut off, get a complete copy`,
      this.source,
      at,
    );
  }

  /** Error: what is being read holds a value the format does not allow. */
  corrupt(detail: string, at = this.pos): SavError {
    return new SavError('corrupt', `${this.source}: corrupt ${this.context} at byte ${at}: ${detail}`, this.source, at);
  }
}
