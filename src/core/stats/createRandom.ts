import type { RandomSource } from './types';

/**
 * A seeded uniform [0, 1) generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, as in PractRand),
 * its 128-bit state filled from the seed by splitmix32. Same seed → same stream on every platform.
 * @param seed any integer (taken modulo 2^32)
 */
export function createRandom(seed: number): RandomSource {
  let s = seed >>> 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix(), b = mix(), c = mix(), d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
