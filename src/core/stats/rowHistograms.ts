import { unsignedLeb128 as leb } from '../wasm/unsignedLeb128';
import { WASM_HEADER, wasmSection as section } from '../wasm/wasmSection';
import type { KernelMemory } from './simdDot4';

/** The slice of the WebAssembly API used here (declared locally: the project's lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** Counts resamples of one sample into per-bin histograms, prepared once (see {@link rowHistograms}). */
export interface RowHistograms {
  /**
   * `out[b] = Σ_r counts[r]` over the (row, column) cells in bin b, for b < bins (cells in the spare bin, `bins`,
   * are dropped). Exact for integer counts: every sum is an integer below 2^53.
   */
  count(counts: Int32Array, out: Float64Array): void;
}

/**
 * The module, assembled by hand (WebAssembly 1.0): `hist(list, count, k, hist)`; locals e=4 end=5 base=6 jend=7
 * addr=8 (i32), m=9 (f64). For each 16-byte entry at e (i32 byte offset of a row of k i32 bins, f64 m):
 * for each bin b of the row, `hist[b] += m` (f64 at byte hist + 8b).
 */
function moduleBytes(): Uint8Array {
  const body = [
    0x02, 0x05, 0x7f, 0x01, 0x7c,
    0x20, 0x01, 0x41, 0x04, 0x74, 0x20, 0x00, 0x6a, 0x21, 0x05,
    0x20, 0x00, 0x21, 0x04,
    0x02, 0x40,
    0x20, 0x04, 0x20, 0x05, 0x4f, 0x0d, 0x00,
    0x03, 0x40,
    0x20, 0x04, 0x28, 0x02, 0x00, 0x21, 0x06,
    0x20, 0x04, 0x2b, 0x03, 0x08, 0x21, 0x09,
    0x20, 0x06, 0x20, 0x02, 0x41, 0x02, 0x74, 0x6a, 0x21, 0x07,
    0x03, 0x40,
    0x20, 0x03, 0x20, 0x06, 0x28, 0x02, 0x00, 0x41, 0x03, 0x74, 0x6a, 0x22, 0x08,
    0x20, 0x08, 0x2b, 0x03, 0x00, 0x20, 0x09, 0xa0, 0x39, 0x03, 0x00,
    0x20, 0x06, 0x41, 0x04, 0x6a, 0x22, 0x06, 0x20, 0x07, 0x49, 0x0d, 0x00,
    0x0b,
    0x20, 0x04, 0x41, 0x10, 0x6a, 0x22, 0x04, 0x20, 0x05, 0x49, 0x0d, 0x00,
    0x0b,
    0x0b,
    0x0b,
  ];
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x68, 0x69, 0x73, 0x74, 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

let compiled: object | null | undefined;

/**
 * Per-bin counts of resamples of one sample given as row multiplicities, prepared once: `slots` holds row r's k bins
 * at `r·k … r·k + k − 1` (a missing answer in the spare bin `bins`). Rows drawn once or more are visited once, their
 * multiplicity added to each of their k bins, in a small WebAssembly loop (no bounds checks; about 4× the plain loop
 * on 10,000 × 100) or, without WebAssembly, the same loop in JavaScript. The counts are exact integers either way.
 */
export function rowHistograms(slots: Int32Array, n: number, k: number, bins: number): RowHistograms {
  const plain: RowHistograms = {
    count(counts, out) {
      const h = new Float64Array(bins + 1);
      for (let r = 0; r < n; r++) {
        const m = counts[r]!;
        if (m === 0) continue;
        const base = r * k;
        for (let j = 0; j < k; j++) h[slots[base + j]!]! += m;
      }
      out.set(h.subarray(0, bins));
    },
  };
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm || compiled === null || k === 0) return plain;
  try {
    compiled ??= new wasm.Module(moduleBytes());
    const { mem, hist } = new wasm.Instance(compiled, {}).exports as { mem: KernelMemory; hist: (list: number, count: number, k: number, hist: number) => void };
    const listBase = n * k * 4;
    const histBase = listBase + n * 16;
    const bytes = histBase + (bins + 1) * 8;
    mem.grow(Math.ceil(bytes / 65536));
    new Int32Array(mem.buffer, 0, n * k).set(slots);
    const listInt = new Int32Array(mem.buffer, listBase, n * 4);
    const listFloat = new Float64Array(mem.buffer, listBase, n * 2);
    const h = new Float64Array(mem.buffer, histBase, bins + 1);
    return {
      count(counts, out) {
        let e = 0;
        for (let r = 0; r < n; r++) {
          const m = counts[r]!;
          if (m === 0) continue;
          listInt[4 * e] = r * k * 4;
          listFloat[2 * e + 1] = m;
          e++;
        }
        h.fill(0);
        if (e > 0) hist(listBase, e, k, histBase);
        out.set(h.subarray(0, bins));
      },
    };
  } catch {
    compiled = null;
    return plain;
  }
}
