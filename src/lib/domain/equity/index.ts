// The equity area's public surface: completion and time to credential compared across groups.
export { type CompletionEquity, completionEquity, type CompletionEquityRow } from './completion-equity.ts';
export { type GroupTimeToCredential, timeToCredentialByGroup } from './time-to-credential-by-group.ts';
export { type Margins, type Suppression, UnknownReferenceGroup } from './compare-groups.ts';
export { type GroupInput } from './group-key.ts';
