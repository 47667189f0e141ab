// Deterministic synthetic backstory files for tests and benchmarks (no model involved): made-up first-person
// texts from a fixed vocabulary, BackstoryRecord lines, and DemographicRecord lines whose counts make the
// inferred option known in advance (option `i % K`, every 7th record non-compliant).
import { writeFileSync } from 'node:fs';
import type { BackstoryRecord, DemographicRecord } from '../../src/core/pipelines/backstories/backstoryRecord';

const WORDS = ('i grew up in a small town near the river my father worked at the mill and my mother taught school ' +
  'we moved to the city when i was twelve church mattered to us farm college army nurse teacher retired union ' +
  'divorced married children grandchildren faith community proud love hard work family garden fishing baseball ' +
  'ohio texas california georgia michigan immigrant veteran mechanic accountant engineer volunteer library').split(' ');

/** A small seeded PRNG (mulberry32), so every run writes the same files. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const backstoryId = (i: number): string => `b${String(i).padStart(6, '0')}`;

export function backstoryRecord(i: number, rand: () => number, chars: number): BackstoryRecord {
  const words: string[] = [];
  let len = 0;
  while (len < chars) {
    const w = WORDS[Math.floor(rand() * WORDS.length)] as string;
    words.push(w);
    len += w.length + 1;
  }
  return {
    id: backstoryId(i),
    text: `${words.join(' ')}.`,
    method: 'anthology',
    model: 'meta-llama/Meta-Llama-3-70B',
    params: { temperature: 1, top_p: 1, max_tokens: 1500, stop: ['Question', 'Q:', 'Interview'], api: 'completions' },
    tokens: Math.round(chars / 4.5),
    finishReason: 'stop',
    seed: 42 + i,
    createdAt: '2026-11-30T12:00:00.000Z',
  };
}

/** Option counts whose inferred value is `i % k`, or the non-compliant bucket for every 7th record. */
export function demographicRecord(i: number, variables: Readonly<Record<string, number>>): DemographicRecord {
  const out: Record<string, { counts: number[]; source: 'samples'; samples: number }> = {};
  for (const [name, k] of Object.entries(variables)) {
    const counts = new Array<number>(k + 1).fill(2);
    counts[i % 7 === 0 ? k : i % k] = 30;
    out[name] = { counts, source: 'samples', samples: counts.reduce((a, b) => a + b, 0) };
  }
  return { id: backstoryId(i), variables: out };
}

/** Writes `<base>.backstories.jsonl` and `<base>.demographics.jsonl` with `n` entries; returns the backstory path. */
export function writeBackstoryFixture(base: string, n: number, opts: { chars?: number; seed?: number; variables?: Record<string, number> } = {}): string {
  const rand = prng(opts.seed ?? 1);
  const chars = opts.chars ?? 400;
  const variables = opts.variables ?? { gender: 4, age: 5 };
  const lines: string[] = [];
  const demo: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = Math.round(chars * (0.5 + rand()));
    lines.push(JSON.stringify(backstoryRecord(i, rand, len)));
    demo.push(JSON.stringify(demographicRecord(i, variables)));
  }
  const file = `${base}.backstories.jsonl`;
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(`${base}.demographics.jsonl`, `${demo.join('\n')}\n`);
  return file;
}
