import { createHash } from 'node:crypto';

/**
 * A 31-bit seed derived from a base seed and names (SHA-256 of the parts), so every persona, question and attempt
 * gets its own reproducible stream and request seed, independent of the order in which they run.
 */
export function seedOf(base: number, ...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(`${base}\u0000${parts.join('\u0000')}`).digest().readUInt32BE(0) >>> 1;
}
