// Public surface of the verifiable presentation importer.
export { parsePresentation } from './parse.ts';
