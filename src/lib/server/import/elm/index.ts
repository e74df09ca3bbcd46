// Public surface of the European Learning Model importer.
export { parseElm, type ElmInput, isElmCredential, readElmCredential } from './parse.ts';
export { isJwsJson, jwsJsonPayload, verifyJades } from './jades.ts';
