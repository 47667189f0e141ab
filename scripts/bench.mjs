// Bundles bench/index.ts with esbuild (so timings measure plain node, not a loader) and runs it.
// Arguments pass through: `npm run bench -- --json`, `--quick`, `--only suite,suite`.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outfile = path.join(root, 'out/bench/index.js');
await esbuild.build({
  entryPoints: [path.join(root, 'bench/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs',
  target: 'node20', sourcemap: true, logLevel: 'warning', external: ['vscode', 'playwright-core'],
});
// the analysis bootstrap's worker thread, beside the bench bundle (src/core/pipelines/analysis/parallelBootstrap.ts)
await esbuild.build({
  entryPoints: [path.join(root, 'src/core/pipelines/analysis/bootstrapWorker.ts')], outfile: path.join(root, 'out/bench/bootstrapWorker.js'),
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exitCode = r.status ?? 1;
