// An import's result in words and a tone for its colour, by what was stored: an import that ran
// to the end but stored nothing is not a success, and one that rejected rows is partial. The words
// are the reader's language, so they are made when the page is drawn (never at import time).
import { m } from '$lib/paraglide/messages.js';
import { formatCount } from '$lib/i18n/format.ts';

export type ImportTone = 'stored' | 'partial' | 'nothing' | 'failed' | 'running';

/** How an import that stored nothing ended; an unknown status is shown as the code it is. */
const ENDED: Record<string, () => string> = {
	refused: m.import_report_status_refused,
	aborted: m.import_report_status_aborted,
	failed: m.import_report_status_failed
};

export function importOutcome({
	status,
	stored,
	rejected
}: {
	status: string;
	stored: number;
	rejected: number;
}): { tone: ImportTone; words: string } {
	if (status === 'running') return { tone: 'running', words: m.import_report_running() };
	if (status !== 'succeeded')
		return {
			tone: 'failed',
			words: m.import_report_nothing_stored_ended({ status: ENDED[status]?.() ?? status })
		};
	const read = stored + rejected;
	const counts = {
		stored,
		storedText: formatCount(stored),
		rejectedText: formatCount(rejected),
		read,
		readText: formatCount(read)
	};
	if (stored === 0) return { tone: 'nothing', words: m.import_report_nothing_stored(counts) };
	if (rejected > 0) return { tone: 'partial', words: m.import_report_partly_stored(counts) };
	return { tone: 'stored', words: m.import_report_all_stored(counts) };
}
