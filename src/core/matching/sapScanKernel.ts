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

function leb(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
const BYTES = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x09, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0x01, 0x7f]),
  ...section(3, [0x01, 0x00]),
  ...section(5, [0x01, 0x00, 0x01]),
  ...section(7, [0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x73, 0x63, 0x61, 0x6e, 0x00, 0x00]),
  ...section(10, [0x01, ...leb(BODY.length), ...BODY]),
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
    const { mem, scan } = new wasm.Instance(compiled, {}).exports as { mem: ScanMemory; scan: SapScanKernel['scan'] };
    return { memory: mem, scan };
  } catch {
    compiled = null;
    return undefined;
  }
}
