// What to tell someone whose file no format took: for delimited text, which template headers were
// expected and how to map a wide extract with a profile instead; for anything else, the formats read.
import { headerName, readWideSample } from './profile/index.ts';
import { ImportRefusal } from './records.ts';
import type { SourceFile } from './source.ts';
import { TABLES } from './tables.ts';
import { describeLayout } from './text-layout.ts';

const PEOPLE_TABLES = ['providers', 'credentials', 'learners', 'enrolments', 'awards'] as const;

/** The required columns of each template people fill by hand: "enrolments.csv (learner_id, id, …)". */
export const templateHeaders = () =>
	PEOPLE_TABLES.map(
		(t) =>
			`${t}.csv (${TABLES[t].columns
				.filter((c) => c.required)
				.map((c) => c.name)
				.join(', ')})`
	).join('; ');

const DELIMITED_NAME = /\.(csv|tsv|txt|tab|psv)$/i;

/**
 * Whether a file named as delimited text reads as such: 'delimited' (a header of several columns),
 * 'other', or why its bytes cannot be read as text at all (a zero byte, UTF-32) — what its author
 * needs to hear instead of "not a format Stackwise recognises".
 */
async function delimitedReading(file: SourceFile): Promise<'delimited' | 'other' | { refused: string }> {
	if (!DELIMITED_NAME.test(file.name)) return 'other';
	try {
		const sample = await readWideSample(file, { rows: 1 });
		return sample.header.length > 1 ? 'delimited' : 'other';
	} catch (error) {
		if (error instanceof ImportRefusal && error.issues[0]) return { refused: error.issues[0].message };
		return 'other';
	}
}

/** Delimited text that is no template: the file a mapping profile is for. */
export async function looksDelimited(file: SourceFile): Promise<boolean> {
	return (await delimitedReading(file)) === 'delimited';
}

export async function unrecognisedMessage(file: SourceFile, { cli = true } = {}): Promise<string> {
	const reading = await delimitedReading(file);
	if (typeof reading === 'object')
		return `its bytes are not text Stackwise can read: the file ${reading.refused}`;
	if (reading === 'delimited') {
		const { header, layout } = await readWideSample(file, { rows: 0 });
		const shown = header.slice(0, 6).map(headerName).join(', ') + (header.length > 6 ? ', …' : '');
		const how = cli
			? `stackwise import ${file.path} --suggest-profile > profile.json, edit it, then stackwise import ${file.path} --profile profile.json`
			: 'map its columns in the next step';
		return (
			`not a Stackwise CSV template: its header (${header.length} columns: ${shown}; ${describeLayout(layout)}) ` +
			`matches none of the templates, which need ${templateHeaders()} (see data/templates/). ` +
			`For an extract with one row per student or enrolment, map its columns with a profile: ${how}`
		);
	}
	return (
		'not a format Stackwise recognises (CSV templates, OULAD, Arrow IPC, Open Badges 2.0/3.0, CLR 2.0, ' +
		'ELM, CTDL, training.gov.au XML, Badgr pathways, W3C verifiable credentials and presentations)'
	);
}
