// The rows the dashboards answer with: computed by the query layer (src/lib/server/queries), drawn
// by the pages and components. Here so a page can name a row's type without importing the server.
import type { CompletionEquityRow } from './equity/index.ts';
import type { Provider } from './types.ts';

/** Awards in one quarter of issue and group. */
export type IssuanceRow = {
	/** Quarter of issue, "2014-Q2". */
	period: string;
	group: string;
	/** Null when withheld. */
	awards: number | null;
	suppressed: string | null;
};

/** A qualification's stacking rate in one group. */
export type StackingRow = Omit<CompletionEquityRow, 'completed' | 'known' | 'inProgress'> & {
	qualification: string | null;
	title: string | null;
	holders: number | null;
	achieved: number | null;
	/** Learners per progress bin (share of requirement groups satisfied); withheld bins are null. */
	progress: { bin: string; learners: number | null }[];
};

/** A provider's awards and how many of them were verified (signatures or proofs checked). */
export type VerificationShare = {
	providerId: string;
	awards: number | null;
	verified: number | null;
	/** verified ÷ awards. */
	share: number | null;
	suppressed: string | null;
};

/** A provider's line on /providers. */
export type ProviderSummary = {
	provider: Provider;
	completion: CompletionEquityRow | null;
	verification: VerificationShare | null;
};

/** An observed flow: learners who took credential A, then B (`next`) or reached qualification B (`toward`). */
export type FlowRow = {
	kind: 'next' | 'toward';
	from: string;
	to: string;
	cohort: string | null;
	group: string | null;
	/** Distinct learners; null when withheld. */
	count: number | null;
	suppressed: string | null;
};
