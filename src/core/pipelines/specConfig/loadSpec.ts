import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { createDefaultSpecService } from '../../spec/defaultSpecService';
import { nodeSpecFileSystem } from '../../spec/nodeSpecFileSystem';
import { parseSpec } from '../../spec/parseSpec';
import { specKindOf, type SpecKind } from '../../spec/specKind';
import { PipelineError } from '../shared/pipelineError';
import type { PipelineFiles } from '../shared/pipelineFiles';
import { obj, str } from './specValues';

/** A spec read from disk and validated: its text, SHA-256 and plain value. */
export interface LoadedSpec {
  readonly path: string;
  readonly kind: SpecKind;
  readonly text: string;
  readonly hash: string;
  readonly value: unknown;
}

/**
 * Reads and validates a spec with the spec service (schema and semantic checks); the first error becomes a
 * `PipelineError('config')` naming the file, line and column, so a pipeline never runs on a broken spec.
 */
export async function loadSpec(path: string, files: PipelineFiles, expected?: SpecKind): Promise<LoadedSpec> {
  const abs = nodePath.resolve(path);
  const kind = specKindOf(abs);
  if (!kind || (expected && kind !== expected)) throw new PipelineError('config', `${path}: not a ${expected ?? 'spec'} file; the name must end in .${expected ?? 'survey'}.yaml`);
  const text = await files.readTextIfExists(abs);
  if (text === undefined) throw new PipelineError('input', `${path}: no such file`);
  const errors = createDefaultSpecService(nodeSpecFileSystem)
    .validate(text, abs)
    .filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const d = errors[0]!;
    throw new PipelineError('config', `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message} (${errors.length} error(s); run persona-studio validate ${path})`);
  }
  return { path: abs, kind, text, hash: createHash('sha256').update(text).digest('hex'), value: parseSpec(text, kind).value };
}

/** The persona spec a survey spec points at (`personas:`). */
export async function loadPersonaOfSurvey(survey: LoadedSpec, files: PipelineFiles): Promise<LoadedSpec> {
  const ref = str(obj(survey.value).personas);
  if (ref === undefined) throw new PipelineError('config', `${survey.path}: no \`personas:\` spec to simulate; add one`);
  return loadSpec(nodePath.resolve(nodePath.dirname(survey.path), ref), files, 'persona');
}
