// The conformance area's public surface: which credentials meet which definition, and what they miss.
export {
	classifyCredential,
	type ConformanceShare,
	conformanceShares,
	type ConformanceShares,
	type Definition,
	DEFINITIONS
} from './conformance-shares.ts';
export { type MissingElement, missingElements } from './missing-elements.ts';
export { type Conformance } from './conformance.ts';
