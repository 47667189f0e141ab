// SPSS system files (.sav, .zsav): dictionary, streamed cases, user-missing values, and a DataTable view.
export * from './SavError';
export * from './savTypes';
export * from './byteSource';
export * from './openSav';
export * from './isSavMissing';
export * from './readSavTable';
