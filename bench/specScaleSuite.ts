import { createDefaultSpecService } from '../src/core/spec/defaultSpecService';
import type { SpecFileSystem } from '../src/core/spec/specFileSystem';
import type { BenchSuite } from './benchTypes';
import { measure } from './measure';

/** No files: these specs refer to none. */
const noFiles: SpecFileSystem = { stat: () => undefined, readText: () => undefined };

/**
 * Specs far outside the usual, validated whole (parse, schema, semantic checks, the 1,000-problem cap):
 * 20,000 and 80,000 unknown top-level keys (before the fix: 62 s for 80,000, quadratic) next to a valid
 * 80,000-entry mapping, and 150,000 questions sharing one options list through an alias (before: rejected
 * by a count of aliases). `ratio_80k_to_20k` near 4 means linear; the quadratic code gave about 16.
 */
export const specScaleSuite: BenchSuite = {
  name: 'spec-scale',
  async run({ quick, log }) {
    const service = createDefaultSpecService(noFiles);
    const validate = (text: string, file: string) => () => service.validate(text, file);
    const runs = quick ? 1 : 3;
    const small = quick ? 5_000 : 20_000;
    const large = quick ? 20_000 : 80_000;
    log(`unknown keys: ${small} and ${large}; valid map: ${large} entries; alias reuse: ${quick ? 30_000 : 150_000} questions`);
    // A fresh text per run (a changed name) so the service's parse cache does not answer.
    let edit = 0;
    const fresh = (text: string) => () => text.replace('name: s', `name: s${edit++}`);
    const unknownSmall = await measure((t: string) => validate(t, '/b/s.survey.yaml')(), { runs, warmup: 1, setup: fresh(unknownKeys(small)) });
    const unknownLarge = await measure((t: string) => validate(t, '/b/s.survey.yaml')(), { runs, warmup: 0, setup: fresh(unknownKeys(large)) });
    const validMap = await measure((t: string) => validate(t, '/b/s.survey.yaml')(), { runs, warmup: 0, setup: fresh(validScales(large)) });
    const alias = await measure((t: string) => validate(t, '/b/s.survey.yaml')(), { runs, warmup: 0, setup: fresh(aliasReuse(quick ? 30_000 : 150_000)) });
    return {
      [`spec_unknown_keys_${small}`]: { ...unknownSmall, keys: small },
      [`spec_unknown_keys_${large}`]: { ...unknownLarge, keys: large, ratio_to_smaller: unknownLarge.median_s / unknownSmall.median_s, size_ratio: large / small },
      [`spec_valid_map_${large}`]: { ...validMap, entries: large },
      spec_alias_reuse: { ...alias, questions: quick ? 30_000 : 150_000 },
    };
  },
};

function unknownKeys(n: number): string {
  const lines = ['name: s', 'questions:', '  - { id: Q1, text: a, options: [x, y] }'];
  for (let i = 0; i < n; i++) lines.push(`bogus_${i}: 1`);
  return `${lines.join('\n')}\n`;
}

/** A valid mapping of `n` entries: the scales of a two-question survey. */
function validScales(n: number): string {
  const lines = ['name: s', 'questions:', '  - { id: Q1, text: a, options: [x, y] }', '  - { id: Q2, text: b, options: [x, y] }', 'scales:'];
  for (let i = 0; i < n; i++) lines.push(`  scale_${i}: { items: [Q1, Q2] }`);
  return `${lines.join('\n')}\n`;
}

function aliasReuse(n: number): string {
  const lines = ['name: s', 'anchors:', '  yn: &yn [No, Yes]', 'questions:'];
  for (let i = 0; i < n; i++) lines.push(`  - { id: Q${i}, text: t, options: *yn }`);
  return `${lines.join('\n')}\n`;
}
