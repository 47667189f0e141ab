import { ByteCursor } from './byteCursor';
import { bufferByteSource, fileByteSource, type ByteSource } from './byteSource';
import { bytecodeDecoder, uncompressedDecoder, type CaseDecoder } from './caseDecoder';
import { readSavDictionary } from './readSavDictionary';
import { SavError } from './SavError';
import { decoderFor } from './savEncoding';
import type { SavDictionary, SavValue } from './savTypes';
import { zlibInput } from './zlibInput';

/** An open `.sav` file: its dictionary, read at once, and its cases, read one at a time. */
export interface SavFile {
  readonly dictionary: SavDictionary;
  /**
   * The cases in file order, one array of values per case in dictionary order: numbers (NaN = system-missing) and
   * strings without trailing spaces. User-missing values are returned as they are; see {@link isSavMissing}.
   * Reads the file in pieces as it goes (never the whole file).
   * @throws SavError `truncated` or `corrupt`, naming the case and byte offset
   */
  cases(): Generator<SavValue[], void, undefined>;
  /** Warnings of the dictionary and, once read, of the data (PSPP reads the same way but warns). */
  readonly warnings: readonly string[];
  /** Releases the file. Also done when `cases()` finishes or throws. */
  close(): void;
  /** Size of the file in bytes. */
  readonly size: number;
  /** How far into the file reading has got (the highest byte offset read), for progress. */
  readonly bytesRead: number;
}

/** Options of {@link openSav}. */
export interface OpenSavOptions {
  /** Name used in messages. @default the path */
  readonly source?: string;
}

/**
 * Opens an SPSS system file (`.sav`, or `.zsav` with zlib compression) written by SPSS, PSPP, R haven/ReadStat or
 * others, following PSPP's description of the format ("System File Format", GNU PSPP Developers Guide).
 * @throws SavError `notSav`, `truncated`, `corrupt` or `unsupported` (naming the file, record and byte offset); the
 * `fs` error when the file cannot be opened
 */
export function openSav(path: string, options: OpenSavOptions = {}): SavFile {
  return openSavSource(fileByteSource(path), options.source ?? path);
}

/** {@link openSav} over bytes already in memory. */
export function openSavBytes(bytes: Uint8Array, source = '<sav>'): SavFile {
  return openSavSource(bufferByteSource(bytes), source);
}

/** {@link openSav} over any byte source; closes the source when the dictionary cannot be read. */
export function openSavSource(inner: ByteSource, source: string): SavFile {
  let highWater = 0;
  const src: ByteSource = {
    size: inner.size,
    read(position, target) {
      const n = inner.read(position, target);
      if (position + n > highWater) highWater = position + n;
      return n;
    },
    close: () => inner.close(),
  };
  const cur = new ByteCursor(src, source);
  let read: ReturnType<typeof readSavDictionary>;
  try {
    read = readSavDictionary(cur);
  } catch (err) {
    src.close();
    throw err;
  }
  const { dictionary, layout } = read;
  const warnings = [...dictionary.warnings];
  let started = false;
  return {
    dictionary,
    warnings,
    close: () => src.close(),
    size: src.size,
    get bytesRead() {
      return highWater;
    },
    *cases() {
      if (started) throw new Error(`${source}: cases() can be read once; open the file again`);
      started = true;
      try {
        yield* readCases(cur, src, dictionary, layout, warnings);
      } finally {
        src.close();
      }
    },
  };
}

function* readCases(cur: ByteCursor, src: ByteSource, dict: SavDictionary, layout: ReturnType<typeof readSavDictionary>['layout'], warnings: string[]): Generator<SavValue[], void, undefined> {
  const source = dict.source;
  let caseNo = 0;
  const ctx = { source, caseNumber: () => caseNo + 1 };
  cur.pos = layout.dataOffset;
  const slotIsNumeric = new Uint8Array(layout.slotsPerCase);
  dict.variables.forEach((v, i) => {
    if (v.type === 'numeric') slotIsNumeric[layout.runs[i]![0]!.slot] = 1;
  });
  let decoder: CaseDecoder;
  if (dict.compression === 'none') decoder = uncompressedDecoder(cur, layout.slotsPerCase, ctx);
  else {
    const input = dict.compression === 'zlib' ? zlibInput(cur, src) : cur;
    decoder = bytecodeDecoder(input, slotIsNumeric, dict.bias, layout.sysmis, dict.littleEndian, ctx);
  }
  const text = decoderFor(dict.encoding)!;
  const caseBytes = new Uint8Array(layout.slotsPerCase * 8);
  const view = new DataView(caseBytes.buffer);
  const le = dict.littleEndian;
  const sysmis = layout.sysmis;
  const nVars = dict.variables.length;
  const numeric = dict.variables.map((v) => v.type === 'numeric');
  const maxWidth = Math.max(8, ...dict.variables.map((v) => v.width));
  const joined = new Uint8Array(maxWidth);
  const limit = dict.caseCount;
  try {
    while (limit === undefined || caseNo < limit) {
      if (!decoder.next(caseBytes)) break;
      const row = new Array<SavValue>(nVars);
      for (let i = 0; i < nVars; i++) {
        const runs = layout.runs[i]!;
        if (numeric[i]) {
          const v = view.getFloat64(runs[0]!.slot * 8, le);
          row[i] = v === sysmis || Number.isNaN(v) ? NaN : v;
          continue;
        }
        let bytes: Uint8Array;
        if (runs.length === 1) bytes = caseBytes.subarray(runs[0]!.slot * 8, runs[0]!.slot * 8 + runs[0]!.used);
        else {
          let n = 0;
          for (const r of runs) {
            joined.set(caseBytes.subarray(r.slot * 8, r.slot * 8 + r.used), n);
            n += r.used;
          }
          bytes = joined.subarray(0, n);
        }
        let end = bytes.length;
        while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
        row[i] = end === 0 ? '' : text.decode(bytes.subarray(0, end));
      }
      caseNo++;
      yield row;
    }
  } finally {
    warnings.push(...decoder.warnings);
  }
  if (limit !== undefined && caseNo < limit) {
    throw new SavError('truncated', `${source}: truncated: the header says ${limit} cases but the data ends after ${caseNo} (byte ${cur.pos}); the file was cut off, get a complete copy`, source, cur.pos);
  }
}
