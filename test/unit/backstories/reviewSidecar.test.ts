import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyReviewEntry, makeReviewEdit, readReview, reviewPathOf, ReviewError, serializeReview, writeReview, type ReviewEntry,
} from '../../../src/core/backstories/reviewSidecar';

describe('backstory review sidecar', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'ps-review-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives beside the backstories file', () => {
    assert.equal(reviewPathOf('/a/us.backstories.jsonl'), '/a/us.backstories.jsonl.review.json');
  });

  it('edits are undone by applying their before state, and redone by their after state', () => {
    const entries = new Map<string, ReviewEntry>();
    const e1 = makeReviewEdit(entries, 'b1', { excluded: true, note: ' off-topic ' }, 't1');
    assert.ok(e1);
    assert.deepEqual(e1.after, { excluded: true, note: 'off-topic', updatedAt: 't1' });
    applyReviewEntry(entries, e1.id, e1.after);
    const e2 = makeReviewEdit(entries, 'b1', { flagged: true }, 't2');
    assert.ok(e2);
    applyReviewEntry(entries, e2.id, e2.after);
    assert.deepEqual(entries.get('b1'), { excluded: true, flagged: true, note: 'off-topic', updatedAt: 't2' });
    assert.equal(makeReviewEdit(entries, 'b1', { flagged: true }, 't3'), undefined, 'no change, no edit');
    applyReviewEntry(entries, e2.id, e2.before);
    assert.deepEqual(entries.get('b1'), e1.after);
    applyReviewEntry(entries, e1.id, e1.before);
    assert.equal(entries.size, 0);
    applyReviewEntry(entries, e1.id, e1.after);
    applyReviewEntry(entries, e2.id, e2.after);
    assert.equal(entries.get('b1')?.flagged, true);
    const clear = makeReviewEdit(entries, 'b1', { excluded: false, flagged: false, note: '' }, 't4');
    assert.equal(clear?.after, undefined, 'an entry with nothing set is removed');
  });

  it('writes a sorted, readable file atomically and reads it back; a missing file is an empty review', async () => {
    const file = path.join(dir, 'x.backstories.jsonl.review.json');
    assert.equal((await readReview(file)).size, 0);
    const entries = new Map<string, ReviewEntry>([
      ['b2', { flagged: true, updatedAt: 't' }],
      ['b1', { excluded: true, note: 'duplicate of b7', updatedAt: 't' }],
    ]);
    await writeReview(file, entries);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.indexOf('"b1"') < text.indexOf('"b2"'));
    assert.equal(text, serializeReview(entries));
    assert.deepEqual(JSON.parse(text).version, 1);
    assert.deepEqual([...(await readReview(file))], [...entries].sort(([a], [b]) => a.localeCompare(b)));
    assert.deepEqual(readdirSync(dir), ['x.backstories.jsonl.review.json'], 'no temporary file left');
  });

  it('refuses a corrupt review file with reason "corrupt" and a way out', async () => {
    const file = path.join(dir, 'r.review.json');
    for (const text of ['{', '{"version":2,"entries":{}}', '{"version":1,"entries":{"b":{"excluded":"yes","updatedAt":"t"}}}']) {
      writeFileSync(file, text);
      await assert.rejects(readReview(file), (err: unknown) => ReviewError.is(err) && err.reason === 'corrupt' && /move it away|malformed/.test(err.message));
    }
  });
});
