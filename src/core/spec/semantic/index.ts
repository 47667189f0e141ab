import type { SpecDiagnostic } from '../specDiagnostic';
import { checkCodesMatchOptions } from './codesMatchOptions';
import { checkDemographicCoverage } from './demographicCoverage';
import { checkDuplicateIds } from './duplicateId';
import { checkEndpointNames } from './endpointNames';
import { checkHumanCodes } from './humanCodes';
import { checkHumanColumns } from './humanColumns';
import { checkOutcomeStudies } from './outcomeStudies';
import { checkPersonaDemographicOptions } from './personaDemographicOptions';
import { checkPersonaFiles } from './personaFiles';
import { checkPersonaTemplateVariables } from './personaTemplateVariables';
import { checkScaleItems } from './scaleItems';
import type { SemanticContext } from './semanticContext';
import { checkSurveyDemographics } from './surveyDemographics';
import { checkSurveyFiles } from './surveyFiles';
import { checkSurveyTemplateVariables } from './surveyTemplateVariables';

export type { SemanticContext } from './semanticContext';
export { TEMPLATE_VARIABLES } from '../../specModel/templates/templateVariables';

/** A semantic check: pure apart from reads through `ctx.files`; never throws on odd input. */
export type SemanticCheckFn = (ctx: SemanticContext) => SpecDiagnostic[];

/** Checks of `*.survey.yaml` beyond the schema, in the order they run. */
export const surveyChecks: readonly SemanticCheckFn[] = [
  checkDuplicateIds,
  checkScaleItems,
  checkCodesMatchOptions,
  checkSurveyTemplateVariables,
  checkSurveyFiles,
  checkHumanColumns,
  checkHumanCodes,
  checkDemographicCoverage,
  checkSurveyDemographics,
  checkOutcomeStudies,
  checkEndpointNames,
];

/** Checks of `*.persona.yaml` beyond the schema, in the order they run. */
export const personaChecks: readonly SemanticCheckFn[] = [
  checkPersonaTemplateVariables,
  checkPersonaFiles,
  checkPersonaDemographicOptions,
  checkEndpointNames,
];
