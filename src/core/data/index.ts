// Reading data tables: the one reader of the product (spec checks, compare, bounds, pipelines). Rules: README.md here.
export * from './DataError';
export * from './tableTypes';
export * from './readTable';
export * from './parseTableText';
export * from './parseDecimal';
export * from './missingCodes';
export * from './tableItemMatrix';
