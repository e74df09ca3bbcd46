// The verdict on one verifiable credential or presentation: what `stackwise verify --json` prints
// and the import report shows.

/** One broken (or, as a warning, bent) rule of the VC data model: its id, where, and what. */
export type Vc2Problem = { rule: string; path: string; message: string };

export type DocumentKind = 'credential' | 'presentation';

/** What a signature check found. `unverified`: it could not be checked offline. */
export type ProofState = 'verified' | 'failed' | 'unverified' | 'unsigned';

export type DocumentCheck = {
	/** The file (top level of `verify`) or the JSON path of the document inside it. */
	path: string;
	kind: DocumentKind;
	conforms: boolean;
	problems: Vc2Problem[];
	/** Findings that do not break conformance: no issuer yet, a context not bundled, dropped terms. */
	warnings: Vc2Problem[];
	proof: ProofState;
	proofReason: string;
	/** A presentation's holder (null when it names none). */
	holder?: string | null;
	/** Credentials a presentation encloses, or a CLR's nested credentials. */
	credentials: DocumentCheck[];
};
