// An import's result in words and a tone for its colour, by what was stored: an import that ran
// to the end but stored nothing is not a success, and one that rejected rows is partial.
export type ImportTone = 'stored' | 'partial' | 'nothing' | 'failed' | 'running';

export function importOutcome({
	status,
	stored,
	rejected
}: {
	status: string;
	stored: number;
	rejected: number;
}): { tone: ImportTone; words: string } {
	if (status === 'running') return { tone: 'running', words: 'running' };
	if (status !== 'succeeded') return { tone: 'failed', words: `${status}: nothing stored` };
	const read = stored + rejected;
	if (stored === 0)
		return { tone: 'nothing', words: `nothing stored (${rejected} of ${read} rows rejected)` };
	if (rejected > 0) return { tone: 'partial', words: `partly stored: ${stored} of ${read} rows` };
	return { tone: 'stored', words: `stored: all ${stored} rows` };
}
