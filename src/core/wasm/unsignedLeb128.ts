/** Unsigned LEB128 encoding of `v` (WebAssembly binary format §5.2.2), for the hand-assembled kernels. */
export function unsignedLeb128(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}
