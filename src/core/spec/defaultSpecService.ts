import personaSchema from '../../../schemas/persona.schema.json';
import surveySchema from '../../../schemas/survey.schema.json';
import type { JsonSchema } from './schema/jsonSchema';
import { personaChecks, surveyChecks } from './semantic/index';
import type { SpecFileSystem } from './specFileSystem';
import { createSpecService, type SpecService } from './specService';

/** The two schemas shipped in `schemas/` (also offered to the Red Hat YAML extension). */
export const specSchemas = {
  survey: surveySchema as JsonSchema,
  persona: personaSchema as JsonSchema,
} as const;

/** The spec service with the shipped schemas and every semantic check. */
export function createDefaultSpecService(files: SpecFileSystem): SpecService {
  return createSpecService({ schemas: specSchemas, files, checks: { survey: surveyChecks, persona: personaChecks } });
}
