// The fast SHA-256 split rule (4-lane WebAssembly SIMD digests, radix select instead of a sort) against its
// definition (data/README.md §3.4): rows sorted by (SHA-256 hex of "s:i", i), halves = first and next ⌊n/2⌋.
// Digests are checked against node:crypto; the halves against a plain sort of node:crypto hex keys.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eachSha256SplitHalf, sha256SplitHalves, splitHalvesOfKeys } from '../../../src/core/stats/sha256SplitHalves';
import { createRandom } from '../../../src/core/stats/createRandom';
import { sha256x4Kernel } from '../../../src/core/stats/sha256x4Kernel';

const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

function bySort(n: number, s: number): { a: number[]; b: number[] } {
  const rows = Array.from({ length: n }, (_, i) => ({ i, h: hex(`${s}:${i}`) }));
  rows.sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : x.i - y.i));
  const m = Math.floor(n / 2);
  const asc = (v: number[]): number[] => v.sort((x, y) => x - y);
  return { a: asc(rows.slice(0, m).map((r) => r.i)), b: asc(rows.slice(m, 2 * m).map((r) => r.i)) };
}

describe('stats: sha256SplitHalves (SIMD digests, radix select)', () => {
  it('the 4-lane kernel gives node:crypto digests for one-block messages', () => {
    const kernel = sha256x4Kernel();
    assert.ok(kernel, 'WebAssembly SIMD is available on Node 20');
    if (kernel.memory.buffer.byteLength < 1 << 20) kernel.memory.grow(16);
    const u = new Uint32Array(kernel.memory.buffer);
    const msgs = ['0:0', '1:1', '99:123456', 'abc', '', '12:2097151', 'a'.repeat(55), '7:0'];
    msgs.forEach((m, j) => {
      const bytes = new Uint8Array(64);
      for (let i = 0; i < m.length; i++) bytes[i] = m.charCodeAt(i);
      bytes[m.length] = 0x80;
      bytes[62] = (m.length * 8) >> 8;
      bytes[63] = (m.length * 8) & 0xff;
      const g = j >> 2;
      for (let t = 0; t < 16; t++) u[g * 64 + t * 4 + (j & 3)] = ((bytes[4 * t]! << 24) | (bytes[4 * t + 1]! << 16) | (bytes[4 * t + 2]! << 8) | bytes[4 * t + 3]!) >>> 0;
    });
    kernel.hash(0, 4096, 2);
    msgs.forEach((m, j) => {
      let got = '';
      for (let w = 0; w < 8; w++) got += u[1024 + (j >> 2) * 32 + w * 4 + (j & 3)]!.toString(16).padStart(8, '0');
      assert.equal(got, hex(m), JSON.stringify(m));
    });
  });

  for (const n of [2, 3, 7, 100, 1001, 20001]) {
    it(`equals sorting the hex keys for ${n} rows, 12 splits (prefix lengths 2 and 3)`, () => {
      const fast = sha256SplitHalves(n, { splits: 12 });
      for (let s = 0; s < 12; s++) {
        const want = bySort(n, s);
        assert.deepEqual(Array.from(fast[s]!.a), want.a, `split ${s} half a`);
        assert.deepEqual(Array.from(fast[s]!.b), want.b, `split ${s} half b`);
      }
    });
  }

  it('orders rows whose first digest words tie by the rest of the digest, then by row (ties made common here)', () => {
    for (const [n, distinct] of [[9, 2], [100, 3], [1001, 7], [5000, 40]] as const) {
      const random = createRandom(n);
      const words = Array.from({ length: n }, () => Uint32Array.from({ length: 8 }, (_, w) => (w === 0 ? Math.floor(random() * distinct) : Math.floor(random() * 3))));
      const key = Uint32Array.from(words, (d) => d[0]!);
      const got = splitHalvesOfKeys(key, Math.floor(n / 2), (row) => words[row]!);
      const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => {
        for (let w = 0; w < 8; w++) if (words[x]![w] !== words[y]![w]) return words[x]![w]! - words[y]![w]!;
        return x - y;
      });
      const m = Math.floor(n / 2);
      assert.deepEqual(Array.from(got.a), order.slice(0, m).sort((x, y) => x - y), `n=${n} half a`);
      assert.deepEqual(Array.from(got.b), order.slice(m, 2 * m).sort((x, y) => x - y), `n=${n} half b`);
    }
  });

  it('gives the splits one at a time, with progress, and stops on abort', () => {
    const seen: number[] = [];
    const it = eachSha256SplitHalf(50, { splits: 3, onProgress: (done) => seen.push(done) });
    assert.equal(it.next().done, false);
    assert.deepEqual(seen, []);
    assert.equal([...it].length, 2);
    assert.deepEqual(seen, [1, 2, 3]);
    const ctl = new AbortController();
    ctl.abort();
    assert.throws(() => sha256SplitHalves(50, { splits: 3, signal: ctl.signal }), (e: unknown) => (e as Error).name === 'AbortError');
  });
});
