// Meta personas from census tables (Li et al. 2025, seeds-methods.md §2.2): joint rows drawn together,
// conditionals restricted to rows agreeing with earlier draws, marginals independent. Checked with Pearson's
// chi-square against the tables' own shares; critical values from the chi-square table at alpha = 0.001
// (df 3: 16.266, df 2: 13.816, df 1: 10.828; scipy.stats.chi2.ppf(0.999, df)).
import assert from 'node:assert/strict';
import { parseTableText, type ReadTableOptions } from '../../../src/core/data/index';

const parseCsvTable = (text: string, options: ReadTableOptions) => parseTableText(text, { ...options, text: 'all' });
import { CensusTableError, jointTableOf, marginalTablesOf } from '../../../src/core/pipelines/ladder/censusTables';
import { sampleMetaPersonas } from '../../../src/core/pipelines/ladder/sampleMetaPersonas';

const joint = jointTableOf(parseCsvTable('AGE,SEX,count\n18-34,Male,300\n18-34,Female,200\n35+,Male,250\n35+,Female,250\n', { source: 'joint.csv' }));
const occupation = jointTableOf(parseCsvTable('SEX,CAREER,share\nMale,Trades,0.7\nMale,Office,0.3\nFemale,Office,0.8\nFemale,Trades,0.2\n', { source: 'occ.csv' }));
const marginals = marginalTablesOf(parseCsvTable('variable,category,share\nRACE,White,0.6\nRACE,Black,0.3\nRACE,Asian,0.1\n', { source: 'm.csv' }));

function chiSquare(observed: number[], expectedShares: number[], n: number): number {
  return observed.reduce((sum, o, i) => sum + (o - n * expectedShares[i]!) ** 2 / (n * expectedShares[i]!), 0);
}

describe('sampleMetaPersonas', () => {
  const n = 20_000;
  const personas = sampleMetaPersonas({ tables: [joint, occupation, ...marginals], count: n, seed: 7 });
  const count = (pred: (f: Readonly<Record<string, string>>) => boolean): number => personas.filter((p) => pred(p.fields)).length;

  it('draws the joint table\'s cells in its proportions', () => {
    const cells = [['18-34', 'Male'], ['18-34', 'Female'], ['35+', 'Male'], ['35+', 'Female']];
    const observed = cells.map(([a, s]) => count((f) => f.AGE === a && f.SEX === s));
    assert.ok(chiSquare(observed, [0.3, 0.2, 0.25, 0.25], n) < 16.266, `observed ${observed.join(',')}`);
  });

  it('draws a conditional table given the earlier draw (career by sex)', () => {
    const males = count((f) => f.SEX === 'Male');
    const maleTrades = count((f) => f.SEX === 'Male' && f.CAREER === 'Trades');
    assert.ok(chiSquare([maleTrades, males - maleTrades], [0.7, 0.3], males) < 10.828);
    const females = n - males;
    const femaleOffice = count((f) => f.SEX === 'Female' && f.CAREER === 'Office');
    assert.ok(chiSquare([femaleOffice, females - femaleOffice], [0.8, 0.2], females) < 10.828);
  });

  it('draws marginals independently in their proportions', () => {
    const observed = ['White', 'Black', 'Asian'].map((r) => count((f) => f.RACE === r));
    assert.ok(chiSquare(observed, [0.6, 0.3, 0.1], n) < 13.816, `observed ${observed.join(',')}`);
  });

  it('records a seed per persona and reproduces persona i whatever the count', () => {
    const few = sampleMetaPersonas({ tables: [joint, occupation, ...marginals], count: 5, seed: 7 });
    assert.deepEqual(few.map((p) => p.fields), personas.slice(0, 5).map((p) => p.fields));
    assert.deepEqual(few.map((p) => p.seed), [7, 8, 9, 10, 11]);
  });

  it('writes Not Applicable when no conditional row has weight', () => {
    const jobs = jointTableOf(parseCsvTable('EMPLOYED,CAREER,share\nYes,Office,1\nNo,Office,0\n', { source: 'jobs.csv' }));
    const employment = marginalTablesOf(parseCsvTable('variable,category,share\nEMPLOYED,No,1\n', { source: 'e.csv' }));
    const [p] = sampleMetaPersonas({ tables: [...employment, jobs], count: 1, seed: 1 });
    assert.equal(p!.fields.CAREER, 'Not Applicable');
  });

  it('samples per region when the tables have a region column', () => {
    const regional = marginalTablesOf(parseCsvTable('region,variable,category,share\nOhio,VOTE,R,1\nVermont,VOTE,D,1\n', { source: 'r.csv' }));
    const out = sampleMetaPersonas({ tables: regional, count: 3, seed: 0 });
    assert.deepEqual(out.map((p) => `${p.region}:${p.fields.VOTE}`), ['Ohio:R', 'Ohio:R', 'Ohio:R', 'Vermont:D', 'Vermont:D', 'Vermont:D']);
  });

  it('rejects a table without weights or with a bad weight, naming the line', () => {
    assert.throws(() => jointTableOf(parseCsvTable('AGE,SEX\n18-34,Male\n', { source: 'x.csv' })), (e: unknown) => CensusTableError.is(e) && e.reason === 'noWeight');
    assert.throws(() => jointTableOf(parseCsvTable('AGE,count\n18-34,-3\n', { source: 'x.csv' })), (e: unknown) => CensusTableError.is(e) && e.reason === 'badWeight' && e.line === 2);
  });
});
