import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTextSearch, readBackstoryFile } from '../../../src/core/backstories/backstoryFile';
import { demographicsPathOf, findPersonaLabels } from '../../../src/core/backstories/backstoryPaths';
import { distributionOf, inferredCode, MISSING, readDemographicTable } from '../../../src/core/backstories/demographicTable';
import { queryBackstories } from '../../../src/core/backstories/queryBackstories';
import { readJsonLines, type JsonLine } from '../../../src/core/backstories/readJsonLines';
import { parseQuery, TextSearch } from '../../../src/core/backstories/textSearch';
import { backstoryId, writeBackstoryFixture } from '../../helpers/backstoryFixtures';

describe('backstory files: streaming read, search, demographics, query', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'ps-backstories-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JSON lines across chunk borders (long lines, multi-byte characters, CRLF) and reports bad lines by number', async () => {
    const long = 'é'.repeat(700_000); // 1.4 MB of two-byte UTF-8: straddles the 1 MiB read chunks
    const file = path.join(dir, 'a.jsonl');
    writeFileSync(file, `{"a":1}\r\n\n{broken\n${JSON.stringify({ long })}\n  \n{"z":"ü"}`);
    const seen: JsonLine[] = [];
    await readJsonLines(file, (l) => seen.push(l));
    assert.deepEqual(seen.map((l) => [l.line, l.ok]), [[1, true], [3, false], [4, true], [6, true]]);
    assert.deepEqual((seen[0] as { value: unknown }).value, { a: 1 });
    assert.equal(((seen[2] as { value: { long: string } }).value.long), long);
    assert.deepEqual((seen[3] as { value: unknown }).value, { z: 'ü' });
    assert.match((seen[1] as { reason: string }).reason, /JSON/);
  });

  it('keeps usable records in file order and names each skipped line with its reason', async () => {
    const file = path.join(dir, 'x.backstories.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'a', text: 'I grew up in Ohio.', method: 'anthology', createdAt: 't' }),
      'not json',
      JSON.stringify({ id: 'b', method: 'anthology' }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 'a', text: 'again', method: 'anthology' }),
      JSON.stringify({ id: 'c', text: 'A nurse in Texas.', method: 'bio' }),
    ].join('\n'));
    const f = await readBackstoryFile(file);
    assert.deepEqual(f.records.map((r) => r.id), ['a', 'c']);
    assert.deepEqual([...f.lines], [1, 6]);
    assert.deepEqual(f.problems.map((p) => p.line), [2, 3, 4, 5]);
    assert.match(f.problems[0]?.reason ?? '', /not valid JSON/);
    assert.match(f.problems[1]?.reason ?? '', /"b": no string "text"/);
    assert.match(f.problems[2]?.reason ?? '', /not a JSON object/);
    assert.match(f.problems[3]?.reason ?? '', /duplicate id "a" \(first on line 1\)/);
    assert.equal(f.problemCount, 4);
  });

  it('searches case-insensitively, AND over terms, keeps quoted phrases whole, never across documents', () => {
    const docs = ['I grew up in OHIO', 'my father was a mechanic in ohio', 'a nurse', 'in ohio my', 'father'];
    const s = new TextSearch();
    for (const d of docs) s.add(d);
    s.seal();
    assert.deepEqual([...s.search('ohio')], [0, 1, 3]);
    assert.deepEqual([...s.search('Ohio father')], [1]);
    assert.deepEqual([...s.search('"ohio my"')], [3]);
    assert.deepEqual([...s.search('my father')], [1]);
    assert.deepEqual([...s.search('"my father"')], [1]);
    assert.deepEqual([...s.search('ohiofather')], []);
    assert.deepEqual([...s.search('a')], [1, 2, 4]); // shorter than a trigram: every document is tested
    assert.deepEqual([...s.search('  ')], [0, 1, 2, 3, 4]);
    // "my" ends document 3 and "father" is document 4: a phrase must not match across the border
    assert.deepEqual([...s.search('"my\nfather"')], []);
    assert.deepEqual(parseQuery('A "b c" a  d'), ['a', 'b c', 'd']);
  });

  it('finds every document a brute-force scan finds, on a generated file', async () => {
    const file = writeBackstoryFixture(path.join(dir, 'gen'), 500, { chars: 200, seed: 7 });
    const f = await readBackstoryFile(file);
    const s = await buildTextSearch(f);
    // many documents and queries of every length: a signature may only say "maybe", never hide a match
    for (const q of ['mill', 'river mill', 'b000042', 'b0000', 'proud', 'xyz', '"hard work"', 'i', 'ge', 'y m', 'ohio texas', 'ing ', 'ood', 'garden fishing baseball']) {
      const terms = parseQuery(q);
      const expected = f.records.flatMap((r, i) => (terms.every((t) => `${r.id}\n${r.text}`.toLowerCase().includes(t)) ? [i] : []));
      assert.deepEqual([...s.search(q)], expected, q);
    }
  });

  it('infers a demographic value only from a strict majority bucket', () => {
    assert.equal(inferredCode([1, 5, 2, 0]), 1);
    assert.equal(inferredCode([1, 2, 2, 0]), 3, 'tie at the top: ambiguous, the last bucket');
    assert.equal(inferredCode([1, 2, 0, 9]), 3, 'non-compliant majority');
    assert.equal(inferredCode([0, 0, 0]), MISSING);
  });

  it('aligns demographics by id, gives each variable its distribution with the non-compliant share, and filters', async () => {
    const file = writeBackstoryFixture(path.join(dir, 'gen'), 70, { chars: 100, variables: { gender: 4, age: 5 } });
    assert.equal(demographicsPathOf(file), path.join(dir, 'gen.demographics.jsonl'));
    const f = await readBackstoryFile(file);
    const d = await readDemographicTable(demographicsPathOf(file), f.byId);
    assert.deepEqual(d.columns.map((c) => [c.name, c.options]), [['gender', 4], ['age', 5]]);
    const all = Uint32Array.from(f.records.keys());
    const g = distributionOf(d.columns[0] as never, all);
    // Expected by construction (backstoryFixtures.demographicRecord): record i → option i % 4, except every
    // 7th (i = 0, 7, …, 63: 10 records) → non-compliant. Counted by hand from i = 0…69.
    const expected = [0, 0, 0, 0];
    for (let i = 0; i < 70; i++) if (i % 7 !== 0) expected[i % 4]! += 1;
    assert.deepEqual(g.counts, expected);
    assert.equal(g.nonCompliant, 10);
    assert.equal(g.missing, 0);
    const search = await buildTextSearch(f);
    const hits = queryBackstories(f, search, d, new Map(), { text: '', demographics: { gender: [1], age: [5] }, review: 'all' });
    // gender 1 needs i % 4 = 1 and i % 7 ≠ 0; age non-compliant (5) needs i % 7 = 0: no record has both
    assert.deepEqual([...hits], []);
    const g1 = queryBackstories(f, search, d, new Map(), { text: '', demographics: { gender: [1, 4] }, review: 'all' });
    assert.deepEqual([...g1].map((i) => f.records[i]?.id), f.records.filter((_, i) => i % 7 === 0 || i % 4 === 1).map((r) => r.id));
    const excluded = new Map([[backstoryId(1), { excluded: true, updatedAt: 't' }]]);
    const inc = queryBackstories(f, search, d, excluded, { text: '', demographics: { gender: [1] }, review: 'included' });
    assert.ok(!inc.includes(1) && inc.includes(5));
    assert.deepEqual([...queryBackstories(f, search, d, excluded, { text: '', demographics: {}, review: 'excluded' })], [1]);
    // text and filters together: the filters narrow first, the search tests only what they keep
    let nonEmpty = 0;
    for (const text of ['the', 'in the', 'b00001']) {
      const both = queryBackstories(f, search, d, excluded, { text, demographics: { gender: [1, 3], age: [0, 2, 5] }, review: 'included' });
      const terms = text.split(' ');
      const expectedBoth = f.records.flatMap((r, i) => {
        const g = i % 7 === 0 ? 4 : i % 4;
        const a = i % 7 === 0 ? 5 : i % 5;
        const hay = `${r.id}\n${r.text}`.toLowerCase();
        return [1, 3].includes(g) && [0, 2, 5].includes(a) && r.id !== backstoryId(1) && terms.every((t) => hay.includes(t)) ? [i] : [];
      });
      assert.deepEqual([...both], expectedBoth, text);
      nonEmpty += expectedBoth.length > 0 ? 1 : 0;
    }
    assert.equal(nonEmpty, 3, `each combined query keeps some backstories (the check is not vacuous): ${nonEmpty}`);
  });

  it('reports demographic lines with bad counts or an unknown id', async () => {
    const file = writeBackstoryFixture(path.join(dir, 'gen'), 3, { chars: 50, variables: { gender: 2 } });
    writeFileSync(demographicsPathOf(file), [
      JSON.stringify({ id: backstoryId(0), variables: { gender: { counts: [5, 1, 0], source: 'samples', samples: 6 } } }),
      JSON.stringify({ id: backstoryId(1), variables: { gender: { counts: [1, 'x', 0] } } }),
      JSON.stringify({ id: 'nobody', variables: { gender: { counts: [1, 0, 0] } } }),
      '{',
    ].join('\n'));
    const f = await readBackstoryFile(file);
    const d = await readDemographicTable(demographicsPathOf(file), f.byId);
    assert.deepEqual([...(d.columns[0]?.inferred ?? [])], [0, MISSING, MISSING]);
    assert.deepEqual(d.problems.map((p) => p.line), [2, 4]);
    assert.equal(d.unknownIds, 1);
  });

  it('finds option labels in the persona spec whose backstories.output names the file', async () => {
    writeFileSync(path.join(dir, 'p.persona.yaml'), 'backstories:\n  output: gen.backstories.jsonl\ndemographics:\n  variables:\n    gender:\n      options: [Male, Female]\n');
    writeFileSync(path.join(dir, 'other.persona.yaml'), 'backstories:\n  output: else.backstories.jsonl\n');
    const labels = await findPersonaLabels(path.join(dir, 'gen.backstories.jsonl'));
    assert.deepEqual(labels?.variables, { gender: ['Male', 'Female'] });
    assert.equal(await findPersonaLabels(path.join(dir, 'none.backstories.jsonl')), undefined);
  });
});
