import { unsignedLeb128 as leb } from '../wasm/unsignedLeb128';
import { WASM_HEADER, wasmSection as section } from '../wasm/wasmSection';
import type { KernelMemory } from './simdDot4';

/** The slice of the WebAssembly API used here (declared locally: the project's lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/**
 * Columns per call of {@link SimdWeightedDot4.dotw}: six independent accumulators hide the add latency and still fit
 * the registers (measured: 4 → 3.3 ms, 6 → 2.8 ms, 8 → 4.2 ms per 10,000 × 100 Gram).
 */
export const WEIGHTED_DOT_COLUMNS = 6;

/** A WebAssembly SIMD weighted dot-product kernel with its own memory. */
export interface SimdWeightedDot4 {
  readonly memory: KernelMemory;
  /**
   * Six weighted dot products at once: for c = 0..5, `out[c] = Σ_{r<n} A_c[r]·(Q[r]·W[r])` where A_c starts at
   * byte `a + c·stride`, Q at byte `q`, W at byte `w`, all float64 in `memory`; `n` must be even (two lanes per
   * step). Results go to 6 float64 at byte `out`. With integer values whose partial sums stay below 2^53 it is exact.
   */
  dotw(a: number, q: number, n: number, stride: number, out: number, w: number): void;
}

// params a=0 q=1 n=2 stride=3 out=4 w=5; locals off=6 end=7 (i32), qv=8, s_c = 9 + c (v128), a_c = 8 + C + c (i32, c ≥ 1)
const C = WEIGHTED_DOT_COLUMNS;
const OFF = 6;
const END = 7;
const QV = 8;
const S0 = 9;
const A1 = S0 + C;
const aOf = (c: number): number => (c === 0 ? 0 : A1 + c - 1);
const loadAt = (ptr: number): number[] => [0x20, ptr, 0x20, OFF, 0x6a, 0xfd, 0x00, 0x03, 0x00]; // (ptr + off) v128.load
const accumulate = (acc: number, ptr: number): number[] => [0x20, acc, ...loadAt(ptr), 0x20, QV, 0xfd, 0xf2, 0x01, 0xfd, 0xf0, 0x01, 0x21, acc];
const store = (acc: number, offset: number): number[] => [0x20, 0x04, 0x20, acc, 0xfd, 0x21, 0x00, 0x20, acc, 0xfd, 0x21, 0x01, 0xa0, 0x39, 0x03, offset];
const range = (count: number): number[] => Array.from({ length: count }, (_, c) => c);

/**
 * The module, assembled by hand (WebAssembly 2.0 with fixed-width SIMD), {@link simdDot4}'s loop with six columns
 * and one more operand: a_c = a + c·stride; loop: qv = load(q + off)·load(w + off); s_c += load(a_c + off)·qv
 * (f64x2); off += 16 while off < 8n. Then out[c] = lane0 + lane1.
 */
function moduleBytes(): Uint8Array {
  const body = [
    0x03, 0x02, 0x7f, C + 1, 0x7b, C - 1, 0x7f,
    0x20, 0x02, 0x41, 0x03, 0x74, 0x21, END,
    ...range(C - 1).flatMap((c) => [0x20, aOf(c), 0x20, 0x03, 0x6a, 0x21, aOf(c + 1)]),
    0x02, 0x40, 0x20, END, 0x45, 0x0d, 0x00,
    0x03, 0x40,
    ...loadAt(0x01), ...loadAt(0x05), 0xfd, 0xf2, 0x01, 0x21, QV,
    ...range(C).flatMap((c) => accumulate(S0 + c, aOf(c))),
    0x20, OFF, 0x41, 0x10, 0x6a, 0x22, OFF, 0x20, END, 0x49, 0x0d, 0x00,
    0x0b, 0x0b,
    ...range(C).flatMap((c) => store(S0 + c, 8 * c)),
    0x0b,
  ];
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, [0x01, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x64, 0x6f, 0x74, 0x77, 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

let compiled: object | null | undefined;

/**
 * A fresh instance (own memory, freed with it) of the weighted SIMD dot-product kernel behind {@link countedGram};
 * undefined where WebAssembly SIMD is not available (the caller then uses plain loops, with identical exact results).
 */
export function simdWeightedDot4(): SimdWeightedDot4 | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (compiled === null || !wasm) return undefined;
    compiled ??= new wasm.Module(moduleBytes());
    const instance = new wasm.Instance(compiled, {});
    const { mem, dotw } = instance.exports as { mem: KernelMemory; dotw: SimdWeightedDot4['dotw'] };
    return { memory: mem, dotw };
  } catch {
    compiled = null;
    return undefined;
  }
}
