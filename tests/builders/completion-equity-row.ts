import type { CompletionEquityRow } from '../../src/lib/domain/equity/completion-equity.ts';

/** A published completion-by-group row (40 of 100, the reference), with the fields a test changes. */
export const completionEquityRow = (over: Partial<CompletionEquityRow>): CompletionEquityRow => ({
	group: 'F',
	completed: 40,
	known: 100,
	inProgress: 5,
	rate: 0.4,
	low: 0.31,
	high: 0.5,
	gap: null,
	ratio: 1,
	ratioLow: null,
	ratioHigh: null,
	fourFifths: false,
	suppressed: null,
	...over
});
