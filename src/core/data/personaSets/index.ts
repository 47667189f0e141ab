// Existing persona sets (JSON Lines, CSV, Parquet) read through a column mapping, streamed.
export * from './personaSetTypes';
export * from './personaValue';
export * from './readPersonaSet';
