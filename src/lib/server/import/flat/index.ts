// Public surface of the flat tables (CSV and Arrow): reading them in and exporting them.
export { type ExportFormat, exportTables } from './export.ts';
export { type TableFormat, TableWriter } from './table-writer.ts';
export { arrowJob, arrowTable, isArrow } from './arrow-format.ts';
export { type ColumnMap, csvJob, csvTable } from './csv-format.ts';
