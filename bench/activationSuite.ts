import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BenchSuite } from './benchTypes';

/**
 * Extension activation: time to evaluate dist/extension.js and run `activate()`, each run in a fresh
 * Node process (cold module cache), against an inert stand-in for the `vscode` API (see
 * bench/activation/activateOnce.cjs). Goal ≤ 150 ms. Build first (`npm run build`).
 */
export const activationSuite: BenchSuite = {
  name: 'activation',
  async run({ quick, log }) {
    const root = process.cwd();
    const bundle = path.join(root, 'dist/extension.js');
    if (!existsSync(bundle)) throw new Error('dist/extension.js is missing: run `npm run build` first');
    const child = path.join(root, 'bench/activation/activateOnce.cjs');
    const runs = quick ? 3 : 11;
    const samples: { load_ms: number; activate_ms: number; total_ms: number }[] = [];
    for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, [child, bundle], { encoding: 'utf8' })));
    const median = (xs: number[]): number => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.floor(s.length / 2)]!;
    };
    const load = median(samples.map((s) => s.load_ms));
    const activate = median(samples.map((s) => s.activate_ms));
    log(`bundle ${path.relative(root, bundle)}: load ${load.toFixed(1)} ms + activate ${activate.toFixed(1)} ms`);
    return { extension_activation: { median_s: median(samples.map((s) => s.total_ms)) / 1000, runs, load_ms: load, activate_ms: activate, goal_s: 0.15 } };
  },
};
