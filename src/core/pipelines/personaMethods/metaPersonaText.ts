import type { MetaPersona } from '../ladder/sampleMetaPersonas';

/**
 * A meta persona as the text the simulation is conditioned on (Li et al. 2025 use meta personas as input with no
 * LLM content): one `topic: value` line per census field, in drawing order.
 */
export function metaPersonaText(meta: MetaPersona): string {
  return Object.entries(meta.fields)
    .map(([topic, value]) => `${topic}: ${value}`)
    .join('\n');
}
