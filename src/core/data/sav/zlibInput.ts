import { inflateSync } from 'node:zlib';
import type { ByteCursor } from './byteCursor';
import type { ByteSource } from './byteSource';
import type { CaseInput } from './caseDecoder';
import { SavError } from './SavError';

interface ZBlock {
  readonly uncompressedOfs: number;
  readonly compressedOfs: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
}

/**
 * The case data of a ZSAV file (PSPP "ZLIB Compressed Data"): a zlib header (offsets of itself, of the trailer and the
 * trailer's length), zlib blocks, and a trailer listing each block's offsets and sizes. The blocks are inflated one at
 * a time, in order, as the bytecode decoder asks for bytes; their inflated concatenation is bytecode-compressed data.
 * @throws SavError `corrupt` or `truncated` for an inconsistent header or trailer (when constructed)
 */
export function zlibInput(cur: ByteCursor, src: ByteSource): CaseInput {
  const source = cur.source;
  cur.context = `the zlib data header (byte ${cur.pos})`;
  const headerAt = cur.pos;
  const zheaderOfs = cur.int64();
  const ztrailerOfs = cur.int64();
  const ztrailerLen = cur.int64();
  if (zheaderOfs !== headerAt) throw cur.corrupt(`zheader_ofs is ${zheaderOfs}, not its own offset ${headerAt}`, headerAt);
  if (ztrailerOfs < headerAt + 24) throw cur.corrupt(`ztrailer_ofs ${ztrailerOfs} points before the data`, headerAt + 8);
  if (ztrailerOfs + ztrailerLen > src.size) {
    throw new SavError('truncated', `${source}: truncated: the zlib trailer should end at byte ${ztrailerOfs + ztrailerLen} but the file ends at byte ${src.size}; the file was cut off, get a complete copy`, source, src.size);
  }
  const saved = cur.pos;
  cur.pos = ztrailerOfs;
  cur.context = `the zlib data trailer (byte ${ztrailerOfs})`;
  cur.int64(); // -bias
  cur.int64(); // zero
  cur.int32(); // block size
  const nBlocks = cur.int32();
  if (nBlocks < 0 || ztrailerLen !== 24 + 24 * nBlocks) throw cur.corrupt(`${nBlocks} blocks do not fit a trailer of ${ztrailerLen} bytes`, ztrailerOfs + 20);
  const blocks: ZBlock[] = [];
  let expectCompressed = headerAt + 24;
  let expectUncompressed = -1;
  for (let i = 0; i < nBlocks; i++) {
    const at = cur.pos;
    const b = { uncompressedOfs: cur.int64(), compressedOfs: cur.int64(), uncompressedSize: cur.int32(), compressedSize: cur.int32() };
    if (b.compressedOfs !== expectCompressed) throw cur.corrupt(`block ${i + 1} starts at byte ${b.compressedOfs}, expected ${expectCompressed}`, at + 8);
    if (expectUncompressed >= 0 && b.uncompressedOfs !== expectUncompressed) throw cur.corrupt(`block ${i + 1} has uncompressed offset ${b.uncompressedOfs}, expected ${expectUncompressed}`, at);
    if (b.uncompressedSize < 0 || b.compressedSize < 0) throw cur.corrupt(`block ${i + 1} has a negative size`, at + 16);
    expectCompressed = b.compressedOfs + b.compressedSize;
    expectUncompressed = b.uncompressedOfs + b.uncompressedSize;
    blocks.push(b);
  }
  if (expectCompressed !== ztrailerOfs) throw cur.corrupt(`the blocks end at byte ${expectCompressed} but the trailer starts at byte ${ztrailerOfs}`, ztrailerOfs);
  cur.pos = saved;

  let block = -1;
  let data: Uint8Array = new Uint8Array(0);
  let di = 0;
  let base = 0; // offset in the inflated stream of data[0]
  const load = (): boolean => {
    if (block + 1 >= blocks.length) return false;
    block++;
    const b = blocks[block]!;
    const packed = new Uint8Array(b.compressedSize);
    if (src.read(b.compressedOfs, packed) < b.compressedSize) {
      throw new SavError('truncated', `${source}: truncated: zlib block ${block + 1} (byte ${b.compressedOfs}) is cut off; get a complete copy`, source, b.compressedOfs);
    }
    let out: Uint8Array;
    try {
      out = inflateSync(packed);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new SavError('corrupt', `${source}: corrupt zlib block ${block + 1} of ${blocks.length} (byte ${b.compressedOfs}): ${why}`, source, b.compressedOfs);
    }
    if (out.length !== b.uncompressedSize) {
      throw new SavError('corrupt', `${source}: corrupt zlib block ${block + 1} of ${blocks.length} (byte ${b.compressedOfs}): inflates to ${out.length} bytes, the trailer says ${b.uncompressedSize}`, source, b.compressedOfs);
    }
    base += data.length;
    data = out;
    di = 0;
    return true;
  };
  return {
    get pos() {
      return base + di;
    },
    readUpTo(target, off, n) {
      let done = 0;
      while (done < n) {
        if (di >= data.length && !load()) break;
        const k = Math.min(n - done, data.length - di);
        for (let i = 0; i < k; i++) target[off + done + i] = data[di + i]!;
        di += k;
        done += k;
      }
      return done;
    },
  };
}
