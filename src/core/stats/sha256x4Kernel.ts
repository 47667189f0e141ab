import { unsignedLeb128 as leb } from '../wasm/unsignedLeb128';
import { WASM_HEADER, wasmSection as section } from '../wasm/wasmSection';
import type { KernelMemory } from './simdDot4';

/** The slice of the WebAssembly API used here (declared locally: the project's lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** A compiled SHA-256 kernel hashing four one-block messages at once (WebAssembly SIMD, i32x4 lanes). */
export interface Sha256x4Kernel {
  readonly memory: KernelMemory;
  /**
   * Compresses `groups` groups of four padded one-block messages. Group g's input is 16 words × 4 lanes of uint32 at
   * `inPtr + 256g` (word t of lane l at `+ 16t + 4l`, the big-endian message words as numbers); its digest is 8 words ×
   * 4 lanes at `outPtr + 128g`, laid out the same way.
   */
  hash(inPtr: number, outPtr: number, groups: number): void;
}

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Signed LEB128 (WebAssembly binary format §5.2.2) of a 32-bit integer, for i32.const. */
function sleb(value: number): number[] {
  let v = value | 0;
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

// instruction helpers (WebAssembly 2.0: 0x20 local.get, 0x21 local.set, 0x41 i32.const, 0xfd SIMD prefix)
const get = (l: number): number[] => [0x20, ...leb(l)];
const set = (l: number): number[] => [0x21, ...leb(l)];
const simd = (op: number): number[] => [0xfd, ...leb(op)];
const splat = (v: number): number[] => [0x41, ...sleb(v), ...simd(0x11)]; // i32x4.splat
const ADD = simd(0xae); // i32x4.add
const XOR = simd(0x51); // v128.xor
const AND = simd(0x4e); // v128.and
const ANDNOT = simd(0x4f); // v128.andnot: a & ~b
const OR = simd(0x50); // v128.or
const shr = (l: number, n: number): number[] => [...get(l), 0x41, ...sleb(n), ...simd(0xad)]; // i32x4.shr_u
const rotr = (l: number, n: number): number[] => [...shr(l, n), ...get(l), 0x41, ...sleb(32 - n), ...simd(0xab), ...OR]; // | shl

/**
 * The module, assembled by hand: params in=0 out=1 groups=2 (i32); v128 locals W0..W63 = 3..66, state = 67..74,
 * T1 = 75, T2 = 76. Per group: load W0..15, then 64 unrolled rounds, each preceded by its schedule word, with the state registers renamed
 * at assembly time (no moves), add the initial hash, store 8 words; FIPS 180-4 §6.2.2.
 */
function moduleBytes(): Uint8Array {
  const W = (t: number): number => 3 + t;
  const T1 = 75;
  const T2 = 76;
  const body: number[] = [0x01, 74, 0x7b];
  body.push(0x02, 0x40, 0x03, 0x40); // block loop
  body.push(...get(2), 0x45, 0x0d, 0x01); // groups == 0 → exit
  for (let t = 0; t < 16; t++) body.push(...get(0), 0xfd, 0x00, 0x04, ...leb(16 * t), ...set(W(t))); // v128.load align=16
  // state registers a..h, renamed each round
  const L = [67, 68, 69, 70, 71, 72, 73, 74];
  for (let w = 0; w < 8; w++) body.push(...splat(H[w]!), ...set(L[w]!));
  for (let t = 0; t < 64; t++) {
    if (t >= 16) {
      // W_t = σ1(W_{t−2}) + W_{t−7} + σ0(W_{t−15}) + W_{t−16}, computed just before its round (short live ranges)
      body.push(...rotr(W(t - 2), 17), ...rotr(W(t - 2), 19), ...XOR, ...shr(W(t - 2), 10), ...XOR);
      body.push(...get(W(t - 7)), ...ADD);
      body.push(...rotr(W(t - 15), 7), ...rotr(W(t - 15), 18), ...XOR, ...shr(W(t - 15), 3), ...XOR, ...ADD);
      body.push(...get(W(t - 16)), ...ADD, ...set(W(t)));
    }
    const [a, b, c, d, e, f, g, h] = L as [number, number, number, number, number, number, number, number];
    // T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t
    body.push(...get(h), ...rotr(e, 6), ...rotr(e, 11), ...XOR, ...rotr(e, 25), ...XOR, ...ADD);
    body.push(...get(e), ...get(f), ...AND, ...get(g), ...get(e), ...ANDNOT, ...XOR, ...ADD);
    body.push(...splat(K[t]!), ...ADD, ...get(W(t)), ...ADD, ...set(T1));
    // T2 = Σ0(a) + Maj(a, b, c), Maj = (a & b) ^ (c & (a ^ b))
    body.push(...rotr(a, 2), ...rotr(a, 13), ...XOR, ...rotr(a, 22), ...XOR);
    body.push(...get(a), ...get(b), ...AND, ...get(c), ...get(a), ...get(b), ...XOR, ...AND, ...XOR, ...ADD, ...set(T2));
    // e' = d + T1 (into d's register), a' = T1 + T2 (into h's register)
    body.push(...get(d), ...get(T1), ...ADD, ...set(d));
    body.push(...get(T1), ...get(T2), ...ADD, ...set(h));
    L.splice(0, 8, h, a, b, c, d, e, f, g);
  }
  for (let w = 0; w < 8; w++) body.push(...get(1), ...get(L[w]!), ...splat(H[w]!), ...ADD, 0xfd, 0x0b, 0x04, ...leb(16 * w)); // v128.store
  body.push(...get(0), 0x41, ...sleb(256), 0x6a, ...set(0)); // in += 256
  body.push(...get(1), 0x41, ...sleb(128), 0x6a, ...set(1)); // out += 128
  body.push(...get(2), 0x41, 0x01, 0x6b, ...set(2)); // groups -= 1
  body.push(0x0c, 0x00, 0x0b, 0x0b, 0x0b); // br loop; end loop; end block; end func
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x04, 0x68, 0x61, 0x73, 0x68, 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

let cached: Sha256x4Kernel | null | undefined;

/**
 * The 4-lane SHA-256 kernel behind {@link sha256SplitHalves}, compiled once; undefined where WebAssembly SIMD is not
 * available (the caller then hashes with {@link sha256Words}; the digests are the same, tested against node:crypto).
 */
export function sha256x4Kernel(): Sha256x4Kernel | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (!wasm) throw new Error('no WebAssembly');
    const instance = new wasm.Instance(new wasm.Module(moduleBytes()), {});
    const { mem, hash } = instance.exports as { mem: KernelMemory; hash: Sha256x4Kernel['hash'] };
    cached = { memory: mem, hash };
  } catch {
    cached = null;
  }
  return cached ?? undefined;
}
