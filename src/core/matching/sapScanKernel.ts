import { unsignedLeb128 as leb } from '../wasm/unsignedLeb128';
import { WASM_HEADER, wasmSection as section } from '../wasm/wasmSection';

/** The part of a WebAssembly memory the solver uses. */
export interface ScanMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A fresh instance of the shortest-augmenting-path scan kernel, with its own memory. */
export interface SapScanKernel {
  readonly memory: ScanMemory;
  /**
   * One Dijkstra step of Crouse's algorithm over the unscanned columns (the inner loop of scipy's
   * `augmenting_path`): for it < n, j = rem[it], r = ui + row[j] − v[j]; if r < shortest[j] then shortest[j] = r,
   * path[j] = i; the result is the position `it` of the smallest shortest[j], ties going to a free column
   * (rowForCol[j] = −1), or −1 when n = 0. All pointers are byte offsets into `memory`.
   */
  scan(row: number, rem: number, n: number, v: number, shortest: number, path: number, rowForCol: number, i: number, ui: number): number;
  /**
   * The row scan of Jonker–Volgenant's augmenting row reduction: the smallest and second-smallest `row[j] − v[j]` over
   * j < n (n ≥ 1) and their columns, written at byte `out` as float64 umin, float64 usub, int32 j1, int32 j2
   * (j2 = −1 and usub = Infinity when n = 1); ties keep the earlier column as the minimum.
   */
  min2(row: number, v: number, n: number, out: number): void;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

// (param row rem n v sh path rfc i : i32) (param ui : f64) (result i32); locals it j : i32, r s lowest : f64, index : i32
const ROW = 0, REM = 1, N = 2, V = 3, SH = 4, PATH = 5, RFC = 6, I = 7, UI = 8, IT = 9, J = 10, R = 11, S = 12, LOWEST = 13, INDEX = 14;
const get = (l: number): number[] => [0x20, l];
const set = (l: number): number[] => [0x21, l];
/** base + j·2^shift */
const addr = (base: number, shift: number): number[] => [...get(base), ...get(J), 0x41, shift, 0x74, 0x6a];
const BODY = [
  0x03, 0x02, 0x7f, 0x03, 0x7c, 0x01, 0x7f,
  0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x7f, ...set(LOWEST),
  0x41, 0x7f, ...set(INDEX),
  0x02, 0x40, ...get(N), 0x45, 0x0d, 0x00,
  0x03, 0x40,
  ...get(REM), ...get(IT), 0x41, 0x02, 0x74, 0x6a, 0x28, 0x02, 0x00, ...set(J),
  ...get(UI), ...addr(ROW, 3), 0x2b, 0x03, 0x00, 0xa0, ...addr(V, 3), 0x2b, 0x03, 0x00, 0xa1, ...set(R),
  ...addr(SH, 3), 0x2b, 0x03, 0x00, ...set(S),
  ...get(R), ...get(S), 0x63,
  0x04, 0x40,
  ...addr(PATH, 2), ...get(I), 0x36, 0x02, 0x00,
  ...addr(SH, 3), ...get(R), 0x39, 0x03, 0x00,
  ...get(R), ...set(S),
  0x0b,
  ...get(S), ...get(LOWEST), 0x63,
  0x04, 0x7f, 0x41, 0x01,
  0x05, ...get(S), ...get(LOWEST), 0x61,
  0x04, 0x7f, ...addr(RFC, 2), 0x28, 0x02, 0x00, 0x41, 0x7f, 0x46,
  0x05, 0x41, 0x00, 0x0b,
  0x0b,
  0x04, 0x40, ...get(S), ...set(LOWEST), ...get(IT), ...set(INDEX), 0x0b,
  ...get(IT), 0x41, 0x01, 0x6a, 0x22, IT, ...get(N), 0x49, 0x0d, 0x00,
  0x0b, 0x0b,
  ...get(INDEX),
  0x0b,
];

// (param row v n out : i32); locals j : i32, h umin usub : f64, j1 j2 : i32
const M_ROW = 0, M_V = 1, M_N = 2, M_OUT = 3, M_J = 4, M_H = 5, M_UMIN = 6, M_USUB = 7, M_J1 = 8, M_J2 = 9;
const at = (base: number): number[] => [...get(base), ...get(M_J), 0x41, 0x03, 0x74, 0x6a];
const MIN2_BODY = [
  0x03, 0x01, 0x7f, 0x03, 0x7c, 0x02, 0x7f,
  ...get(M_ROW), 0x2b, 0x03, 0x00, ...get(M_V), 0x2b, 0x03, 0x00, 0xa1, ...set(M_UMIN),
  0x41, 0x7f, ...set(M_J2),
  0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x7f, ...set(M_USUB),
  0x41, 0x01, ...set(M_J),
  0x02, 0x40, ...get(M_J), ...get(M_N), 0x4f, 0x0d, 0x00,
  0x03, 0x40,
  ...at(M_ROW), 0x2b, 0x03, 0x00, ...at(M_V), 0x2b, 0x03, 0x00, 0xa1, ...set(M_H),
  ...get(M_H), ...get(M_USUB), 0x63,
  0x04, 0x40,
  ...get(M_H), ...get(M_UMIN), 0x66,
  0x04, 0x40, ...get(M_H), ...set(M_USUB), ...get(M_J), ...set(M_J2),
  0x05, ...get(M_UMIN), ...set(M_USUB), ...get(M_H), ...set(M_UMIN), ...get(M_J1), ...set(M_J2), ...get(M_J), ...set(M_J1),
  0x0b,
  0x0b,
  ...get(M_J), 0x41, 0x01, 0x6a, 0x22, M_J, ...get(M_N), 0x49, 0x0d, 0x00,
  0x0b, 0x0b,
  ...get(M_OUT), ...get(M_UMIN), 0x39, 0x03, 0x00,
  ...get(M_OUT), ...get(M_USUB), 0x39, 0x03, 0x08,
  ...get(M_OUT), ...get(M_J1), 0x36, 0x02, 0x10,
  ...get(M_OUT), ...get(M_J2), 0x36, 0x02, 0x14,
  0x0b,
];

const BYTES = Uint8Array.from([
  ...WASM_HEADER,
  ...section(1, [0x02, 0x60, 0x09, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0x01, 0x7f, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
  ...section(3, [0x02, 0x00, 0x01]),
  ...section(5, [0x01, 0x00, 0x01]),
  ...section(7, [0x03, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x73, 0x63, 0x61, 0x6e, 0x00, 0x00, 0x04, 0x6d, 0x69, 0x6e, 0x32, 0x00, 0x01]),
  ...section(10, [0x02, ...leb(BODY.length), ...BODY, ...leb(MIN2_BODY.length), ...MIN2_BODY]),
]);

let compiled: object | null | undefined;

/**
 * A new instance of the hand-assembled WebAssembly scan kernel (its memory is collected with it), or undefined where
 * WebAssembly is unavailable; the solver then runs the same loop in JavaScript.
 */
export function sapScanKernel(): SapScanKernel | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return undefined;
  try {
    if (compiled === undefined) compiled = new wasm.Module(BYTES);
    if (compiled === null) return undefined;
    const { mem, scan, min2 } = new wasm.Instance(compiled, {}).exports as { mem: ScanMemory; scan: SapScanKernel['scan']; min2: SapScanKernel['min2'] };
    return { memory: mem, scan, min2 };
  } catch {
    compiled = null;
    return undefined;
  }
}
