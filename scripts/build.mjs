// Bundles every runtime target with esbuild. `tsc --noEmit` is the type gate; esbuild only bundles.
//   dist/extension.js   the VS Code extension (node, cjs, `vscode` external)
//   dist/cli.js         the persona-studio CLI (node, cjs)
//   dist/webview/*.js   browser bundles for the panels (iife)
//   dist/bootstrapWorker.js  the analysis bootstrap's worker thread (node, cjs)
//   out/test/host/*.js  the in-host mocha suite (node, cjs, `vscode` external)
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const webviewEntries = existsSync(path.join(root, 'src/webview'))
  ? readdirSync(path.join(root, 'src/webview'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(root, 'src/webview', d.name, 'main.ts')))
      .map((d) => ({ in: `src/webview/${d.name}/main.ts`, out: d.name }))
  : [];

const targets = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // gpt-tokenizer (4.7 MB of tables) is required from node_modules when an LLM command first counts tokens, so the
  // other commands do not compile it at start-up (commands load lazily: src/cli/commands/index.ts)
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['gpt-tokenizer'] },
  { ...node, entryPoints: ['test/host/index.ts'], outfile: 'out/test/host/index.js', external: ['vscode', 'mocha'] },
  // the bootstrap's worker thread, loaded from beside dist/cli.js and dist/extension.js (parallelBootstrap.ts)
  { ...node, entryPoints: ['src/core/pipelines/analysis/bootstrapWorker.ts'], outfile: 'dist/bootstrapWorker.js' },
];
if (webviewEntries.length > 0) {
  targets.push({
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production,
    logLevel: 'warning', absWorkingDir: root, entryPoints: webviewEntries, outdir: 'dist/webview',
  });
}

const present = targets.filter((t) => (t.entryPoints ?? []).every((e) => existsSync(path.join(root, typeof e === 'string' ? e : e.in))));
if (watch) {
  for (const t of present) await (await esbuild.context(t)).watch();
  console.log('watching for changes…');
} else {
  await Promise.all(present.map((t) => esbuild.build(t)));
}
