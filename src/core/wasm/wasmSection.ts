import { unsignedLeb128 } from './unsignedLeb128';

/** The magic number and version every WebAssembly binary module starts with (WebAssembly binary format §5.5.16). */
export const WASM_HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A section of a binary module: its id, its content's byte length (unsigned LEB128), its content (§5.5.2). */
export function wasmSection(id: number, content: readonly number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}
