import type { PersonaSetRow } from '../../data/personaSets/personaSetTypes';
import type { BackstoryRecord } from './backstoryRecord';

/**
 * A persona of an existing set as a backstory record (persona method `import`): its id and text, the mapped
 * demographics as `given`, and where it came from in `params` (file and 0-based row), so a review or a match can be
 * traced back to the source row.
 */
export function importedBackstory(row: PersonaSetRow, source: { readonly file: string; readonly createdAt: string }): BackstoryRecord {
  return {
    id: row.id,
    text: row.text,
    method: 'import',
    params: { source: source.file, row: row.row },
    ...(Object.keys(row.given).length > 0 ? { given: row.given } : {}),
    createdAt: source.createdAt,
  };
}
