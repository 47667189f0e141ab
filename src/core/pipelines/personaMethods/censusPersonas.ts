import { DataError, readTable } from '../../data';
import type { CensusSpec } from '../../specModel/personaSpec';
import { CensusTableError, jointTableOf, marginalTablesOf, type JointTable } from '../ladder/censusTables';
import { sampleMetaPersonas, type MetaPersona } from '../ladder/sampleMetaPersonas';
import { PipelineError } from '../shared/pipelineError';

/** The persona spec's census tables, read through the one table reader (every column as text): joint tables first, then the marginals. */
export async function readCensusTables(census: CensusSpec, signal?: AbortSignal): Promise<JointTable[]> {
  const tables: JointTable[] = [];
  try {
    for (const file of census.joint) tables.push(jointTableOf(await readTable(file, { text: 'all', ...(signal ? { signal } : {}) })));
    if (census.marginals !== undefined) tables.push(...marginalTablesOf(await readTable(census.marginals, { text: 'all', ...(signal ? { signal } : {}) })));
  } catch (err) {
    if (DataError.is(err) || CensusTableError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
  if (tables.length === 0) throw new PipelineError('config', 'census: no tables; list joint tables under census.joint or a marginals CSV under census.marginals');
  return tables;
}

/**
 * Meta personas of a persona spec (Li et al. 2025, seeds-methods.md §2.2): `count` per region when `census.region`
 * names the grouping (the region is then also a field of the persona under that name, e.g. STATE_NAME), else
 * `count` from the national rows. Persona i is drawn with seed `seed + i`.
 */
export async function censusMetaPersonas(census: CensusSpec, seed: number, count: number, signal?: AbortSignal): Promise<MetaPersona[]> {
  const tables = await readCensusTables(census, signal);
  const metas = sampleMetaPersonas({ tables, count, seed, notApplicable: census.not_applicable, ...(census.region === undefined ? { regions: [''] } : {}) });
  if (census.region === undefined) return metas;
  const name = census.region;
  return metas.map((m) => ({ ...m, fields: { [name]: m.region, ...m.fields } }));
}
