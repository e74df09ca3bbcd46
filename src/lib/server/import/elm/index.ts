// Public surface of the European Learning Model importer.
export { parseElm, type ElmInput } from './parse.ts';
