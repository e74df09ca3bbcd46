// Public surface of the Verifiable Credentials 2.0 importer.
export {
	checkOf,
	conformance,
	coveredBy,
	enclosedItems,
	examineCredential,
	holderClaimProblems,
	holderOf,
	isOpened,
	type Opened,
	openItem,
	openJws,
	presentationProof,
	securedOnItsOwn
} from './examine.ts';
export { ruleName } from './rules.ts';
