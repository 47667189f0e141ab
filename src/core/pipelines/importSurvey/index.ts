// Writing a survey spec from a data dictionary: an SPSS .sav file's or a CSV codebook's variables.
export * from './ImportError';
export * from './importDictionary';
export * from './guessRoles';
export * from './readCodebook';
export * from './surveySpecDocument';
export * from './importSurveySpec';
