import { unsignedLeb128 as leb } from '../wasm/unsignedLeb128';
import { WASM_HEADER, wasmSection as section } from '../wasm/wasmSection';

/** The part of a WebAssembly memory the kernel's callers use. */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The slice of the WebAssembly API used here (declared locally: the project's lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** A compiled WebAssembly SIMD kernel and its memory. */
export interface SimdDot4 {
  readonly memory: KernelMemory;
  /**
   * Four dot products at once: for c = 0..3, `out[c] = Σ_{r<n} A_c[r]·Q[r]` where A_c starts at byte `a + c·stride`,
   * Q at byte `q`, all float64 in `memory`; `n` must be even (two lanes per step). Results go to 4 float64 at byte `out`.
   */
  dot4(a: number, q: number, n: number, stride: number, out: number): void;
}

const i32x5 = [0x7f, 0x7f, 0x7f, 0x7f, 0x7f];
const loadAt = (ptr: number): number[] => [0x20, ptr, 0x20, 0x05, 0x6a, 0xfd, 0x00, 0x03, 0x00]; // (ptr + off) v128.load
const accumulate = (acc: number, ptr: number): number[] => [0x20, acc, ...loadAt(ptr), 0x20, 0x07, 0xfd, 0xf2, 0x01, 0xfd, 0xf0, 0x01, 0x21, acc];
const store = (acc: number, offset: number): number[] => [0x20, 0x04, 0x20, acc, 0xfd, 0x21, 0x00, 0x20, acc, 0xfd, 0x21, 0x01, 0xa0, 0x39, 0x03, offset];

/**
 * The module, assembled by hand (WebAssembly 2.0 with fixed-width SIMD):
 * params a=0 q=1 n=2 stride=3 out=4; locals off=5 end=6 (i32), qv=7 s0..s3=8..11 (v128), a1..a3=12..14 (i32).
 * Loop: qv = load(q + off); s_c += load(a_c + off) · qv (f64x2); off += 16 while off < 8n. Then out[c] = lane0 + lane1.
 */
function moduleBytes(): Uint8Array {
  const body = [
    0x03, 0x02, 0x7f, 0x05, 0x7b, 0x03, 0x7f,
    0x20, 0x02, 0x41, 0x03, 0x74, 0x21, 0x06,
    0x20, 0x00, 0x20, 0x03, 0x6a, 0x21, 0x0c,
    0x20, 0x0c, 0x20, 0x03, 0x6a, 0x21, 0x0d,
    0x20, 0x0d, 0x20, 0x03, 0x6a, 0x21, 0x0e,
    0x02, 0x40, 0x20, 0x06, 0x45, 0x0d, 0x00,
    0x03, 0x40,
    ...loadAt(0x01), 0x21, 0x07,
    ...accumulate(0x08, 0x00), ...accumulate(0x09, 0x0c), ...accumulate(0x0a, 0x0d), ...accumulate(0x0b, 0x0e),
    0x20, 0x05, 0x41, 0x10, 0x6a, 0x22, 0x05, 0x20, 0x06, 0x49, 0x0d, 0x00,
    0x0b, 0x0b,
    ...store(0x08, 0), ...store(0x09, 8), ...store(0x0a, 16), ...store(0x0b, 24),
    0x0b,
  ];
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, [0x01, 0x60, 0x05, ...i32x5, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x64, 0x6f, 0x74, 0x34, 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

let cached: SimdDot4 | null | undefined;

/**
 * The SIMD dot-product kernel behind {@link packedGram}, compiled once; undefined where WebAssembly SIMD is not
 * available (the caller then uses plain JavaScript loops, with identical results: the sums are exact integers).
 */
export function simdDot4(): SimdDot4 | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (!wasm) throw new Error('no WebAssembly');
    const instance = new wasm.Instance(new wasm.Module(moduleBytes()), {});
    const { mem, dot4 } = instance.exports as { mem: KernelMemory; dot4: SimdDot4['dot4'] };
    cached = { memory: mem, dot4 };
  } catch {
    cached = null;
  }
  return cached ?? undefined;
}
