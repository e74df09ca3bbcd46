// A draft mapping profile guessed from a wide file's header and a sample of its rows, for a person
// to check and edit (`stackwise import FILE --suggest-profile`, and the /imports mapping step's
// starting point). Guesses are by column name first, then by the values seen; every guess and
// every gap is said in `notes`. Pure.
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../../../domain/types.ts';
import type { TextLayout } from '../text-layout.ts';
import {
	headerName,
	PROFILE_FIELD_NAMES,
	ROW_NUMBER,
	type FieldSource,
	type Profile,
	type ProfileField
} from './profile.ts';

export type Suggestion = { profile: Profile; notes: string[] };

/** Outcome words of student-record systems → Stackwise's enrolment status. */
const OUTCOME_WORDS: [RegExp, EnrolmentStatus][] = [
	[/^(graduated?|completed?|pass(ed)?|distinction|merit|achieved|awarded|certified)$/i, 'completed'],
	[/^(drop\s*-?\s*out|dropped( out)?|withdr[ae]wn?|withdrawal|left|discontinued|cancelled)$/i, 'withdrawn'],
	[/^(fail(ed)?|not (achieved|competent)|unsuccessful)$/i, 'failed'],
	[/^(enrolled|in[ _-]?progress|current|active|continuing|ongoing|studying)$/i, 'in_progress']
];

const outcomeOf = (value: string) => OUTCOME_WORDS.find(([re]) => re.test(value.trim()))?.[1];
const DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Column-name patterns for the fields a person would otherwise pick by hand, most specific first. */
const BY_NAME: [ProfileField, RegExp][] = [
	['learner_id', /^(student|learner|pupil|person)[ _-]?(id|no|number|code|key)$|^(id|student|learner)$/i],
	['credential_id', /^(course|programme|program|module|credential|qualification|course[ _]code|degree)$/i],
	['gender', /^(gender|sex)$/i],
	['age_band', /^(age( band| group| at enrol+ment)?)$/i],
	['disability', /disab|special needs/i],
	['region', /^(region|district|county|state|province)$/i],
	['prior_education', /previous qualification|prior education|highest education/i],
	['deprivation_band', /deprivation|imd/i],
	['cohort', /^(cohort|intake|year|academic year|presentation)$/i],
	['started_on', /^(start(ed)?( date| on)?|enrol+ment date|date enrol+ed|commencement)$/i],
	['ended_on', /^(end(ed)?( date| on)?|completion date|exit date|date left)$/i]
];

/** What every guessing step reads and adds to: the columns, the sample, the fields so far, the notes. */
type Guess = {
	names: string[];
	sample: string[][];
	notes: string[];
	fields: Partial<Record<ProfileField, FieldSource>>;
	/** Column indexes already mapped to a field. */
	taken: Set<number>;
	/** The file stem as an id: provider, made-up credential and row-number prefix. */
	slug: string;
};

/** Non-empty sampled values of column `i`. */
function columnValues(g: Guess, i: number): string[] {
	return g.sample.map((row) => (row[i] ?? '').trim()).filter((v) => v !== '');
}

function distinct(g: Guess, i: number): string[] {
	return [...new Set(columnValues(g, i))];
}

/**
 * A draft profile for a file with this header and these sample rows (the first rows of the file).
 * `fileStem` names the provider and prefixes made-up ids, so two institutions' row 1 stay apart.
 */
export function suggestProfile(
	header: string[],
	sample: string[][],
	layout: TextLayout,
	fileStem: string
): Suggestion {
	const g: Guess = {
		names: header.map(headerName),
		sample,
		notes: [],
		fields: {},
		taken: new Set(),
		slug:
			fileStem
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '') || 'extract'
	};
	g.notes.push(
		`read as ${layout.encoding}, ${layout.delimiter === '\t' ? 'tab' : `"${layout.delimiter}"`}-separated, ${layout.lineEnding} line endings`
	);
	guessByName(g);
	guessLearnerId(g);
	guessOutcome(g);
	guessCodedDimensions(g);
	guessCredentialAndProvider(g);
	for (const field of ['started_on', 'ended_on'] as const) guessDate(g, field);
	noteOtherGroups(g);

	const ordered = Object.fromEntries(
		PROFILE_FIELD_NAMES.filter((f) => g.fields[f]).map((f) => [f, g.fields[f]!])
	);
	return {
		profile: { row: 'enrolment', delimiter: layout.delimiter, encoding: layout.encoding, fields: ordered },
		notes: g.notes
	};
}

function guessByName({ names, fields, taken }: Guess): void {
	for (const [field, re] of BY_NAME) {
		if (fields[field]) continue;
		const i = names.findIndex((n, index) => !taken.has(index) && re.test(n));
		if (i < 0) continue;
		taken.add(i);
		fields[field] = { column: names[i] };
	}
}

/** An id column is one whose sampled values are all different; without one, the row number. */
function guessLearnerId(g: Guess): void {
	const { names, fields, notes, slug } = g;
	const id = fields.learner_id as { column: string } | undefined;
	if (id && distinct(g, names.indexOf(id.column)).length === columnValues(g, names.indexOf(id.column)).length)
		notes.push(`learner_id: column "${id.column}" (its sampled values are all different)`);
	else {
		if (id) g.taken.delete(names.indexOf(id.column));
		fields.learner_id = { column: ROW_NUMBER, prefix: `${slug}-` };
		notes.push(
			`learner_id: no id column found, so the row number, prefixed "${slug}-"; re-importing a re-ordered file would then change who is who`
		);
	}
}

/** The outcome: the column whose sampled values are most often outcome words. */
function guessOutcome(g: Guess): void {
	const { names, fields, notes } = g;
	let outcome: { index: number; share: number } | undefined;
	names.forEach((_, i) => {
		const values = columnValues(g, i);
		if (values.length === 0) return;
		const share = values.filter((v) => outcomeOf(v)).length / values.length;
		if (share >= 0.5 && (!outcome || share > outcome.share)) outcome = { index: i, share };
	});
	if (!outcome) {
		fields.status = { column: 'EDIT: the outcome column', map: {} };
		notes.push(
			`status: no outcome column found; name it and map its values to ${ENROLMENT_STATUSES.join(', ')}`
		);
		return;
	}
	g.taken.add(outcome.index);
	const map: Record<string, string> = {};
	const unknown: string[] = [];
	for (const v of distinct(g, outcome.index)) {
		const status = outcomeOf(v);
		if (status) map[v] = status;
		else unknown.push(v);
	}
	fields.status = { column: names[outcome.index], map };
	notes.push(
		`status: column "${names[outcome.index]}" looks like the outcome (${Object.entries(map)
			.map(([k, s]) => `${k} → ${s}`)
			.join(', ')})` + (unknown.length ? `; not guessed, add to its map: ${unknown.join(', ')}` : '')
	);
}

/** Coded group dimensions: small integer codes need a person to say what each means. */
function guessCodedDimensions(g: Guess): void {
	const { names, fields, notes } = g;
	for (const field of [
		'gender',
		'disability',
		'region',
		'prior_education',
		'deprivation_band',
		'age_band'
	] as const) {
		const source = fields[field] as { column: string; map?: Record<string, string> } | undefined;
		if (!source) continue;
		const values = distinct(g, names.indexOf(source.column));
		if (field === 'age_band' && values.every((v) => /^\d+$/.test(v))) {
			notes.push(
				`age_band: column "${source.column}" holds ages, not bands; left out (map ages to bands to use it)`
			);
			g.taken.delete(names.indexOf(source.column));
			delete fields.age_band;
			continue;
		}
		if (values.length > 0 && values.length <= 12 && values.every((v) => /^\d+$/.test(v))) {
			source.map = Object.fromEntries(values.sort().map((v) => [v, v]));
			notes.push(
				`${field}: column "${source.column}" is coded (${values.join(', ')}); write what each code means in its map`
			);
		} else notes.push(`${field}: column "${source.column}"`);
	}
}

function guessCredentialAndProvider({ fields, notes, slug }: Guess): void {
	if (!fields.credential_id) {
		fields.credential_id = { value: slug };
		notes.push(
			`credential_id: no course column found, so one credential "${slug}"; name the course column if there is one`
		);
	} else notes.push(`credential_id: column "${(fields.credential_id as { column: string }).column}"`);
	fields.provider_id = { value: slug };
	notes.push(`provider_id: "${slug}" (from the file name); change it to the institution's id`);
}

function guessDate(g: Guess, field: 'started_on' | 'ended_on'): void {
	const { names, fields, notes } = g;
	const source = fields[field] as { column: string } | undefined;
	const values = source ? columnValues(g, names.indexOf(source.column)) : [];
	if (source && values.length > 0 && values.every((v) => ISO_DATE.test(v))) return;
	if (source && values.some((v) => DATE.test(v)))
		notes.push(`${field}: column "${source.column}" holds dates not written YYYY-MM-DD; convert them first`);
	if (!source) {
		// A date column under another name.
		const i = names.findIndex(
			(_, index) =>
				!g.taken.has(index) &&
				columnValues(g, index).length > 0 &&
				columnValues(g, index).every((v) => ISO_DATE.test(v))
		);
		if (i >= 0 && field === 'started_on') {
			g.taken.add(i);
			fields.started_on = { column: names[i] };
			notes.push(`started_on: column "${names[i]}" holds dates`);
			return;
		}
	}
	if (field === 'started_on' && !fields.started_on) {
		fields.started_on = { value: 'YYYY-MM-DD' };
		notes.push('started_on: no date column found; give the date the cohort started (a constant is allowed)');
	}
	if (field === 'ended_on' && !fields.ended_on) {
		fields.ended_on = { value: 'YYYY-MM-DD' };
		notes.push(
			'ended_on: no date column found; give the date finished enrolments ended (the data cut-off, say)'
		);
	}
}

/**
 * Other columns with a few values: group dimensions Stackwise has no field for, said so a person
 * can map one onto a free dimension (region, prior education …) if it matters.
 */
function noteOtherGroups(g: Guess): void {
	const groups = g.names
		.map((name, i) => ({ name, values: distinct(g, i) }))
		.filter(
			({ name, values }, i) =>
				!g.taken.has(i) &&
				!Object.values(g.fields).some((f) => 'column' in f && f.column === name) &&
				values.length >= 2 &&
				values.length <= 8
		);
	if (groups.length > 0)
		g.notes.push(
			`other columns with few values (possible group dimensions, not mapped): ${groups
				.map((x) => `"${x.name}" (${x.values.slice(0, 5).join(', ')})`)
				.join('; ')}`
		);
}
