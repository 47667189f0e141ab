import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PlannedRequest } from '../../../src/core/llm/plannedRequest';

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'ps-llm-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `count` distinct letter-question requests (persona i × question i % 7). */
export function letterPlan(count: number, model = 'test-model', extra: { n?: number } = {}): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  for (let i = 0; i < count; i++) {
    plan.push({
      id: `p${i}`,
      request: {
        kind: 'chat',
        model,
        messages: [
          { role: 'system', content: `You are persona number ${i}.` },
          { role: 'user', content: `Question ${i % 7}: how do you feel?\n(A) Good\n(B) Fine\n(C) Bad\nAnswer with (A), (B), or (C).\nAnswer:` },
        ],
        params: { temperature: 1, max_tokens: 1, logprobs: true, top_logprobs: 20, ...(extra.n === undefined ? {} : { n: extra.n }) },
      },
    });
  }
  return plan;
}
