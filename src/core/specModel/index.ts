// The typed spec model: validated specs as typed data, templates and their rendering, accept patterns.
// Imports nothing from the rest of src/core (the spec language imports this, not the other way round).
export * from './acceptPattern';
export * from './anthologyPrompts';
export * from './demographicCategory';
export * from './modelSettings';
export * from './personaSpec';
export * from './resolveSurveyModel';
export * from './specModelError';
export * from './specSource';
export * from './surveySpec';
export * from './toPersonaSpec';
export * from './toSurveySpec';
export * from './templates/optionLines';
export * from './templates/placeholders';
export * from './templates/renderPrompts';
export * from './templates/renderTemplate';
export * from './templates/templateVariables';
