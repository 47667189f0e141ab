import { sha256SplitHalves } from '../src/core/stats/sha256SplitHalves';
const t = performance.now(); const c0 = process.cpuUsage();
sha256SplitHalves(1_000_000, { splits: 10 });
const c = process.cpuUsage(c0);
console.log('10 splits of 1M', (performance.now() - t).toFixed(0), 'ms wall', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu');
