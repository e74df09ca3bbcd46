// What every laid-out chart shares: its size and the margin its axes sit in, and what a mark may
// say besides its figure.
export type ChartBox = {
	width: number;
	height: number;
	margin: { top: number; right: number; bottom: number; left: number };
};

export type MarkNotes = {
	/** Shown in the tooltip and the accessible name, e.g. "1,207 of 3,164". */
	detail?: string;
	/** Why the value is withheld, when it is. */
	suppressed?: string | null;
};
