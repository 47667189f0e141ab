// Preloaded (`node --require`) into a CLI run by the large-data benchmark: at exit, writes the process's peak
// resident memory and CPU seconds as JSON to the file named by PS_BENCH_USAGE_FILE, so the figures are the
// command's own (a fresh process), measured as /usr/bin/time would.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.PS_BENCH_USAGE_FILE;
  if (!file) return;
  const cpu = process.cpuUsage();
  fs.writeFileSync(file, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
});
