import { unsignedLeb128 as leb } from '../wasm/unsignedLeb128';
import type { KernelMemory } from './simdDot4';

/** The slice of the WebAssembly API used here (declared locally: the project's lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** A WebAssembly SIMD `y += m·x` kernel with its own memory. */
export interface SimdAxpy {
  readonly memory: KernelMemory;
  /**
   * `Y[i] += m·X[i]` over float64 vectors at byte offsets `y` and `x` of `memory`, `bytes` long (a positive multiple
   * of 16: two lanes per step). With integer values whose sums stay below 2^53 it is exact, like the scalar loop.
   */
  axpy(y: number, x: number, bytes: number, m: number): void;
}

/**
 * The module, assembled by hand (WebAssembly 2.0 with fixed-width SIMD): params y=0 x=1 bytes=2 (i32) m=3 (f64);
 * locals off=4 (i32), mv=5 (v128). mv = splat(m); loop: store(y + off, load(y + off) + load(x + off)·mv) (f64x2);
 * off += 16 while off < bytes.
 */
function moduleBytes(): Uint8Array {
  const body = [
    0x02, 0x01, 0x7f, 0x01, 0x7b,
    0x20, 0x03, 0xfd, 0x14, 0x21, 0x05,
    0x03, 0x40,
    0x20, 0x00, 0x20, 0x04, 0x6a,
    0x20, 0x00, 0x20, 0x04, 0x6a, 0xfd, 0x00, 0x03, 0x00,
    0x20, 0x01, 0x20, 0x04, 0x6a, 0xfd, 0x00, 0x03, 0x00,
    0x20, 0x05, 0xfd, 0xf2, 0x01,
    0xfd, 0xf0, 0x01,
    0xfd, 0x0b, 0x03, 0x00,
    0x20, 0x04, 0x41, 0x10, 0x6a, 0x22, 0x04, 0x20, 0x02, 0x49, 0x0d, 0x00,
    0x0b,
    0x0b,
  ];
  const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7c, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x61, 0x78, 0x70, 0x79, 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

let compiled: object | null | undefined;

/**
 * A fresh instance (own memory, freed with it) of the SIMD axpy kernel behind {@link countedMoments}; undefined
 * where WebAssembly SIMD is not available (the caller then uses a plain loop, with identical exact results).
 */
export function simdAxpy(): SimdAxpy | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (compiled === null || !wasm) return undefined;
    compiled ??= new wasm.Module(moduleBytes());
    const instance = new wasm.Instance(compiled, {});
    const { mem, axpy } = instance.exports as { mem: KernelMemory; axpy: SimdAxpy['axpy'] };
    return { memory: mem, axpy };
  } catch {
    compiled = null;
    return undefined;
  }
}
