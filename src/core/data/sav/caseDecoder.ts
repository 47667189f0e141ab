import { SavError } from './SavError';

/** A byte stream the case data is read from: the file itself, or the inflated zlib blocks of a ZSAV file. */
export interface CaseInput {
  /** Offset of the next byte, for messages (for zlib data: in the decompressed stream). */
  readonly pos: number;
  /** Copies up to `n` bytes into `target` at `off`; fewer only at the end of the data. */
  readUpTo(target: Uint8Array, off: number, n: number): number;
}

/** Fills one case's slots (8 bytes each, the uncompressed layout) from the case data. */
export interface CaseDecoder {
  /**
   * Reads the next case into `caseBytes` (slotsPerCase × 8 bytes). False at a clean end of the data.
   * @throws SavError `truncated` when the data ends inside a case
   */
  next(caseBytes: Uint8Array): boolean;
  /** Problems PSPP also only warns about (e.g. spaces in a numeric slot), one line each. */
  readonly warnings: string[];
}

interface DecoderContext {
  readonly source: string;
  /** 1-based number of the case being read, for messages. */
  caseNumber(): number;
}

function endsInside(ctx: DecoderContext, input: CaseInput, where: string): SavError {
  return new SavError(
    'truncated',
    `${ctx.source}: truncated: the data ends inside case ${ctx.caseNumber()} (${where}, byte ${input.pos}); the file was cut off, get a complete copy`,
    ctx.source,
    input.pos,
  );
}

/** Uncompressed data: each case is slotsPerCase × 8 bytes as they are. */
export function uncompressedDecoder(input: CaseInput, slotsPerCase: number, ctx: DecoderContext): CaseDecoder {
  const n = slotsPerCase * 8;
  return {
    warnings: [],
    next(caseBytes) {
      const got = input.readUpTo(caseBytes, 0, n);
      if (got === 0) return false;
      if (got < n) throw endsInside(ctx, input, `${got} of its ${n} bytes are there`);
      return true;
    },
  };
}

/**
 * Bytecode-compressed data (PSPP "Data Record"): blocks of 8 command bytes, each followed by the 8-byte values its
 * 253 codes call for. Per slot: 0 padding (skipped), 1–251 the number code − bias, 252 end of data, 253 the next raw
 * 8 bytes, 254 eight spaces (strings), 255 system-missing (numbers). Odd codes are decoded as PSPP does, with a warning.
 */
export function bytecodeDecoder(input: CaseInput, slotIsNumeric: Uint8Array, bias: number, sysmis: number, littleEndian: boolean, ctx: DecoderContext): CaseDecoder {
  const codes = new Uint8Array(8);
  let ci = 8; // next code in `codes`; 8 = read a new block
  let ended = false;
  const warnings: string[] = [];
  let warned = false;
  const warnOnce = (msg: string): void => {
    if (!warned) warnings.push(`${ctx.source}: ${msg} (case ${ctx.caseNumber()}, byte ${input.pos}); PSPP reads this the same way`);
    warned = true;
  };
  const scratch = new DataView(new ArrayBuffer(8));
  const putNumber = (caseBytes: Uint8Array, at: number, v: number): void => {
    scratch.setFloat64(0, v, littleEndian);
    for (let i = 0; i < 8; i++) caseBytes[at + i] = scratch.getUint8(i);
  };
  const slots = slotIsNumeric.length;
  return {
    warnings,
    next(caseBytes) {
      if (ended) return false;
      for (let s = 0; s < slots; ) {
        if (ci === 8) {
          const got = input.readUpTo(codes, 0, 8);
          if (got === 0 && s === 0) {
            ended = true;
            return false;
          }
          if (got === 0) throw endsInside(ctx, input, `the file ends at slot ${s + 1} of ${slots}`);
          // a short last block: what is missing reads as the end of the data
          if (got < 8) codes.fill(252, got);
          ci = 0;
        }
        const code = codes[ci++]!;
        const at = s * 8;
        switch (code) {
          case 0:
            continue;
          case 252:
            ended = true;
            if (s === 0) return false;
            throw endsInside(ctx, input, `the end-of-data code comes at slot ${s + 1} of ${slots}`);
          case 253: {
            if (input.readUpTo(caseBytes, at, 8) < 8) throw endsInside(ctx, input, `slot ${s + 1} of ${slots} is missing its 8 raw bytes`);
            break;
          }
          case 254:
            caseBytes.fill(0x20, at, at + 8);
            if (slotIsNumeric[s]) warnOnce('compressed spaces (code 254) in a numeric variable');
            break;
          case 255:
            putNumber(caseBytes, at, sysmis);
            if (!slotIsNumeric[s]) warnOnce('a system-missing code (255) in a string variable');
            break;
          default:
            putNumber(caseBytes, at, code - bias);
            if (!slotIsNumeric[s] && code - bias !== 0) warnOnce(`a compressed number (code ${code}) in a string variable`);
        }
        s++;
      }
      return true;
    },
  };
}
