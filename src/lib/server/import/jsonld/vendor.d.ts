// Minimal typings for the Digital Bazaar libraries used to check Data Integrity proofs and for
// jsonld.js; they ship JavaScript only. Only what Stackwise calls is declared.
declare module 'jsonld-signatures' {
	const jsigs: {
		sign(
			document: object,
			options: { suite: unknown; purpose: unknown; documentLoader: (url: string) => Promise<unknown> }
		): Promise<object>;
		verify(
			document: object,
			options: { suite: unknown; purpose: unknown; documentLoader: (url: string) => Promise<unknown> }
		): Promise<{ verified: boolean; error?: unknown; results?: { verified: boolean; error?: unknown }[] }>;
		purposes: {
			AssertionProofPurpose: new (options?: { controller?: object; date?: Date | string }) => unknown;
			AuthenticationProofPurpose: new (options: {
				controller?: object;
				challenge: string;
				domain?: string;
			}) => unknown;
			ControllerProofPurpose: new (options: { term: string; controller?: object }) => unknown;
		};
	};
	export default jsigs;
}
declare module '@digitalbazaar/data-integrity' {
	export class DataIntegrityProof {
		constructor(options: { cryptosuite: unknown; legacyContext?: boolean; signer?: unknown });
	}
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
	export const cryptosuite: unknown;
}
declare module '@digitalbazaar/eddsa-2022-cryptosuite' {
	export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
	export function createVerifyCryptosuite(options?: object): unknown;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
	export class Ed25519Signature2020 {
		constructor(options?: object);
	}
}
declare module 'base58-universal' {
	export function decode(input: string): Uint8Array | undefined;
	export function encode(input: Uint8Array): string;
}
declare module 'jsonld' {
	const jsonld: { expand(document: unknown, options?: object): Promise<unknown[]> };
	export default jsonld;
}
declare module '@digitalbazaar/ed25519-multikey' {
	export function generate(options?: { id?: string; controller?: string }): Promise<{
		id?: string;
		controller?: string;
		publicKeyMultibase: string;
		secretKeyMultibase?: string;
		signer(): unknown;
	}>;
	export function from(key: object): Promise<{ signer(): unknown }>;
}
