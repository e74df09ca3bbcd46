// The survival area's public surface: time to credential and its summaries.
export { type TimeToCredential, timeToCredential, type TimeToCredentialPoint } from './time-to-credential.ts';
export { type DayCounts } from './day-counts.ts';
export { meanDaysAmongCompleters } from './mean-among-completers.ts';
