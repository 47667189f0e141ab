import type { RandomSource } from './types';

/** The four 32-bit words of an sfc32 state, as {@link randomStream} reports and resumes it. */
export type RandomState = readonly [number, number, number, number];

/** A seeded uniform stream whose position can be saved and resumed (a resample's draws, on another thread). */
export interface RandomStream {
  /** The next uniform [0, 1) number. */
  readonly next: RandomSource;
  /** The current state: `randomStream(state)` continues with exactly the numbers this stream would give next. */
  state(): RandomState;
}

/**
 * The generator of {@link createRandom}: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, as in
 * PractRand), its 128-bit state filled from the seed by splitmix32 and then stepped 12 times; or resumed from a saved
 * {@link RandomState}. Same seed → same stream on every platform.
 * @param seed any integer (taken modulo 2^32), or a state saved by {@link RandomStream.state}
 */
export function randomStream(seed: number | RandomState): RandomStream {
  let a: number, b: number, c: number, d: number;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  if (typeof seed === 'number') {
    let s = seed >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    a = mix();
    b = mix();
    c = mix();
    d = mix();
    for (let i = 0; i < 12; i++) next();
  } else {
    [a, b, c, d] = seed;
  }
  return { next, state: () => [a, b, c, d] };
}
