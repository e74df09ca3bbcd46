// Public surface of the CTDL importer.
export { parseCtdl, type CtdlInput } from './parse.ts';
export { kindOfClasses } from './map.ts';
