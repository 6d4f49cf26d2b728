export {
  COLUMNS,
  MEMBER_COLUMNS,
  UNIT_COLUMNS,
  UNIT_LEVEL_OPTIONS,
  columnList,
  type ColumnSpec,
  type ColumnsOf,
  type ImportKind,
} from './columns';
export { ImportFileError, MAX_IMPORT_ROWS, detectFormat, type ImportFormat } from './parse-file';
export {
  parseImportFile,
  validateTable,
  type ImportOptions,
  type ParsedImport,
  type RowError,
} from './validate-rows';
export { MAX_XLSX_UNCOMPRESSED_BYTES, assertXlsxWithinLimits } from './zip-limits';
export { CONTENT_TYPES, buildTemplate, type ImportTemplate } from './template';
export { importFileKey, openImportFile, sealImportFile } from './file-sealing';
