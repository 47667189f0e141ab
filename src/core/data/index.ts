// Reading answer tables: CSV text in, raw fields and numeric item matrices out. File I/O stays with the caller.
export * from './DataError';
export * from './dataTableTypes';
export * from './parseCsvTable';
export * from './columnIndex';
export * from './numericColumns';
