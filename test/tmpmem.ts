import { readTable, tableItemMatrix } from '../src/core/data/index';
import { compareSamples } from '../src/core/stats/compareSamples';
const mb = () => `${(process.memoryUsage().rss / 1e6).toFixed(0)}MB ab=${(process.memoryUsage().arrayBuffers / 1e6).toFixed(0)}`;
void (async () => {
  console.log('start', mb());
  let t = performance.now();
  const cols = ['q1', 'q2', 'q3', 'q4', 'q5'];
  const a = tableItemMatrix(await readTable('/tmp/ld/a.csv', { columns: cols }), cols);
  console.log('a', mb(), (performance.now() - t).toFixed(0)); t = performance.now();
  const b = tableItemMatrix(await readTable('/tmp/ld/b.csv', { columns: cols }), cols);
  console.log('b', mb(), (performance.now() - t).toFixed(0)); t = performance.now();
  const c = compareSamples(a, b, {});
  console.log('cmp', mb(), (performance.now() - t).toFixed(0), c.frobenius);
})();
