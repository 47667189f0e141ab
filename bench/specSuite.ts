import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDefaultSpecService } from '../src/core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../src/core/spec/nodeSpecFileSystem';
import type { BenchSuite } from './benchTypes';
import { measure } from './measure';

/**
 * Spec re-validation after an edit: a 2,000-question survey spec (six-point items, 200 scales, human
 * data with a column per question), validated once to warm the caches, then re-validated after each
 * one-character edit, as the editor does on every debounced keystroke. Goal ≤ 50 ms.
 */
export const specSuite: BenchSuite = {
  name: 'spec',
  async run({ quick, log }) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ps-bench-spec-'));
    try {
      const questions = 2000;
      const rows = quick ? 50 : 300;
      writeFileSync(path.join(dir, 'human.csv'), humanCsv(questions, rows));
      const specPath = path.join(dir, 'big.survey.yaml');
      const text = bigSurvey(questions);
      writeFileSync(specPath, text);
      log(`survey spec: ${questions} questions, ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB; human data ${rows} rows`);
      const service = createDefaultSpecService(nodeSpecFileSystem);
      const first = service.validate(text, specPath);
      if (first.length > 0) throw new Error(`the benchmark spec should be valid, got: ${first[0]!.message}`);
      let edit = 0;
      const result = await measure(
        (edited: string) => service.validate(edited, specPath),
        { runs: quick ? 5 : 21, warmup: 2, setup: () => text.replace('Question 1000 wording', `Question 1000 wording ${edit++}`) },
      );
      return { spec_revalidate_2000_questions: { ...result, questions, lines: text.split('\n').length, goal_s: 0.05 } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function bigSurvey(n: number): string {
  const lines = [
    'name: Benchmark survey with 2000 questions',
    'human:',
    '  data: ./human.csv',
    '  id: id',
    'anchors:',
    '  agree: &agree ["Very inaccurate", "Moderately inaccurate", "Slightly inaccurate", "Slightly accurate", "Moderately accurate", "Very accurate"]',
    'questions:',
  ];
  for (let i = 1; i <= n; i++) {
    lines.push(`  - id: Q${i}`, `    text: "Question ${i} wording, a statement about oneself."`, '    options: *agree', '    codes: [1, 2, 3, 4, 5, 6]');
  }
  lines.push('scales:');
  for (let s = 0; s < n / 10; s++) {
    const items = Array.from({ length: 10 }, (_, j) => `Q${s * 10 + j + 1}`);
    lines.push(`  scale${s}: { items: [${items.join(', ')}], reverse: [${items[0]}] }`);
  }
  return `${lines.join('\n')}\n`;
}

function humanCsv(questions: number, rows: number): string {
  const header = ['id', ...Array.from({ length: questions }, (_, i) => `Q${i + 1}`)].join(',');
  const out = [header];
  let x = 12345;
  for (let r = 0; r < rows; r++) {
    const cells = [String(r + 1)];
    for (let q = 0; q < questions; q++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      cells.push(String(1 + (x % 6)));
    }
    out.push(cells.join(','));
  }
  return `${out.join('\n')}\n`;
}
