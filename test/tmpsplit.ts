import { sha256SplitHalves } from '../src/core/stats/sha256SplitHalves';
import { sha256Words } from '../src/core/stats/sha256Words';
// the old rule, by sorting hex keys
function old(n: number, s: number) {
  const rows = Array.from({ length: n }, (_, i) => { const d = sha256Words(`${s}:${i}`); return { i, h: Array.from(d, (w) => w.toString(16).padStart(8, '0')).join('') }; });
  rows.sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : x.i - y.i));
  const m = Math.floor(n / 2);
  return { a: rows.slice(0, m).map((r) => r.i).sort((x, y) => x - y), b: rows.slice(m, 2 * m).map((r) => r.i).sort((x, y) => x - y) };
}
for (const n of [2, 3, 7, 100, 1001, 20000]) {
  const mine = sha256SplitHalves(n, { splits: 12 });
  for (let s = 0; s < 12; s++) { const o = old(n, s); if (JSON.stringify(Array.from(mine[s]!.a)) !== JSON.stringify(o.a) || JSON.stringify(Array.from(mine[s]!.b)) !== JSON.stringify(o.b)) console.log('MISMATCH', n, s); }
}
console.log('checked');
let t = performance.now();
sha256SplitHalves(1_000_000, { splits: 5 });
console.log('5 splits of 1M', (performance.now() - t).toFixed(0), 'ms');
