// Survey specs of the examples pointed at the in-repo copies of the data (test/fixtures/data/<name>/data.csv), so the
// tests need neither examples/data nor /work/shared.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Writes `<tmp>/<name>/<name>.survey.yaml` (the example spec, data and persona paths made absolute) and returns its path. */
export function fixtureSurveySpec(name: 'bfi' | 'beps' | 'ces11', dir: string = mkdtempSync(path.join(os.tmpdir(), 'ps-analyze-'))): string {
  const text = readFileSync(path.join(root, 'examples', name, `${name}.survey.yaml`), 'utf8')
    .replace(`data: ../data/${name}.csv`, `data: ${JSON.stringify(path.join(root, 'test/fixtures/data', name, 'data.csv'))}`)
    .replace('personas: ../personas/us-adults.persona.yaml', `personas: ${JSON.stringify(path.join(root, 'examples/personas/us-adults.persona.yaml'))}`);
  const file = path.join(dir, name, `${name}.survey.yaml`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export const fixtureExpected = (name: string): {
  split_half: { mean: { wd_mean: number; frobenius: number; wd_mean_weighted?: number; frobenius_weighted?: number; alpha_abs_diff: Record<string, number>; wd_per_item: Record<string, number> } };
  alpha_sets: { name: string; items: string[]; reverse: string[] }[];
  full_sample: { n: number; alpha: Record<string, { raw_alpha: number }> };
} => JSON.parse(readFileSync(path.join(root, 'test/fixtures/data', name, 'expected.json'), 'utf8'));
