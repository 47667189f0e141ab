// SPSS system files (.sav, .zsav): dictionary, streamed cases, user-missing values, and the Table of src/core/data.
export * from './SavError';
export * from './savTypes';
export * from './byteSource';
export * from './openSav';
export * from './isSavMissing';
export * from './savTableBuilder';
export * from './readSavTable';
