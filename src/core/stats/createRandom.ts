import { randomStream } from './randomStream';
import type { RandomSource } from './types';

/**
 * A seeded uniform [0, 1) generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, as in PractRand),
 * its 128-bit state filled from the seed by splitmix32 (see {@link randomStream}, which can also save and resume
 * the position). Same seed → same stream on every platform.
 * @param seed any integer (taken modulo 2^32)
 */
export function createRandom(seed: number): RandomSource {
  return randomStream(seed).next;
}
