import type { ModelApi } from './probeEndpoint';

/** The endpoint and model a spec runs against, as far as it says. */
export interface SpecModel {
  /** `endpoint:` (a survey's `simulation.endpoint`): the name of a configured endpoint. */
  readonly endpoint?: string;
  /** `model.name`. */
  readonly model?: string;
  /** `model.api`: `completions` for a base model. */
  readonly api?: ModelApi;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The model a spec's main requests use, from its parsed value: a persona spec's top-level `model` (the
 * backstory model) or a survey spec's `simulation.model` (and `simulation.endpoint`). Plain data
 * in, plain data out; fields that are missing or of the wrong type are left out.
 */
export function modelOfSpec(value: unknown): SpecModel {
  if (!isObject(value)) return {};
  const simulation = isObject(value.simulation) ? value.simulation : undefined;
  const model = isObject(value.model) ? value.model : isObject(simulation?.model) ? simulation.model : undefined;
  return {
    ...(typeof value.endpoint === 'string' && value.endpoint !== ''
      ? { endpoint: value.endpoint }
      : typeof simulation?.endpoint === 'string' && simulation.endpoint !== ''
        ? { endpoint: simulation.endpoint }
        : {}),
    ...(typeof model?.name === 'string' && model.name !== '' ? { model: model.name } : {}),
    ...(model?.api === 'chat' || model?.api === 'completions' ? { api: model.api } : {}),
  };
}
