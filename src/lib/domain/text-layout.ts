// The words for how a text file is written (its encoding, delimiter and line endings), shared by the
// importer that detects them (server/import/text-layout.ts) and the pages that state them.

export const TEXT_ENCODINGS = ['UTF-8', 'UTF-8 with BOM', 'UTF-16LE', 'UTF-16BE', 'Latin-1'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type LineEnding = 'CRLF' | 'LF' | 'CR' | 'mixed' | 'none';

/** What an import report says about a text file. */
export type TextLayout = { encoding: TextEncoding; delimiter?: Delimiter; lineEnding: LineEnding };

export const DELIMITER_NAMES: Record<Delimiter, string> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab',
	'|': 'pipe'
};

/** "UTF-8 with BOM, semicolon-separated, CRLF line endings", for reports and pages. */
export function describeLayout(layout: TextLayout): string {
	const endings = {
		CRLF: 'CRLF line endings',
		LF: 'LF line endings',
		CR: 'CR line endings',
		mixed: 'mixed line endings',
		none: 'a single line'
	}[layout.lineEnding];
	return [
		layout.encoding,
		layout.delimiter ? `${DELIMITER_NAMES[layout.delimiter]}-separated` : undefined,
		endings
	]
		.filter(Boolean)
		.join(', ');
}
