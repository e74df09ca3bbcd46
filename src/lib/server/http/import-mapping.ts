// The mapping step of an upload no importer recognised (/imports/map/[key]): its load and its
// form's actions. The importer's words (the layout, field labels, guesses, problems) are its CLI's
// too and stay English; what this step says itself is in the admin's language.
import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '../db/index.ts';
import { ENROLMENT_STATUSES } from '../../domain/types.ts';
import { describeLayout } from '../../domain/text-layout.ts';
import { startImport } from '../import/jobs.ts';
import { ImportRefusal } from '../import/records.ts';
import {
	pendingUpload,
	releaseUpload,
	codedValues,
	previewMapping,
	readWideSample,
	headerName,
	parseProfile,
	PROFILE_FIELD_NAMES,
	PROFILE_FIELDS,
	REQUIRED_FIELDS,
	listProfiles,
	profileForHeader,
	saveProfile,
	suggestProfile
} from '../import/profile/index.ts';

/** Rows shown in the preview table, and rows the guesses and value lists look at. */
const PREVIEW_ROWS = 20;
const SAMPLE_ROWS = 500;

function uploadOf(key: string) {
	const upload = pendingUpload(key);
	if (!upload)
		error(
			404,
			'This upload is no longer waiting for its mapping (uploads wait an hour): upload the file again.'
		);
	return upload;
}

/**
 * The mapping step: the file's layout and first rows, a draft profile (a saved one made for these
 * columns, else one guessed from the values) and the values of its coded columns.
 */
export async function mappingStep(key: string) {
	const upload = uploadOf(key);
	const sample = await readWideSample(upload.file, { rows: SAMPLE_ROWS }).catch((e) => {
		if (e instanceof ImportRefusal) error(422, e.message);
		throw e;
	});
	const rows = sample.rows.map((r) => r.fields);
	const saved = await listProfiles(await getDb());
	const match = profileForHeader(saved, sample.header);
	const suggestion = suggestProfile(
		sample.header,
		rows,
		sample.layout,
		upload.file.name.replace(/\.[^.]*$/, '')
	);
	return {
		key: upload.key,
		fileName: upload.file.name,
		layout: describeLayout(sample.layout),
		header: sample.header.map(headerName),
		preview: rows.slice(0, PREVIEW_ROWS),
		sampled: rows.length,
		coded: codedValues(sample.header, rows),
		fields: PROFILE_FIELD_NAMES.map((name) => ({
			name,
			label: PROFILE_FIELDS[name].label,
			required: REQUIRED_FIELDS.includes(name)
		})),
		statuses: ENROLMENT_STATUSES,
		saved: saved.map((s) => ({ name: s.name, profile: s.profile })),
		// `savedFor`: the saved profile made for these columns, which the page names in its own words.
		initial: match
			? { name: match.name, profile: match.profile, savedFor: match.name, notes: [] as string[] }
			: { name: '', profile: suggestion.profile, savedFor: null, notes: suggestion.notes }
	};
}

function profileFrom(form: FormData) {
	let json: unknown;
	try {
		json = JSON.parse(String(form.get('profile') ?? ''));
	} catch {
		return { problems: ['the mapping could not be read'] };
	}
	return parseProfile(json);
}

type MappingForm = { key: string; form: FormData; userId: number | null };

/** The mapping form's actions, each on the upload waiting under `key`. */
export const mappingActions = {
	// The live count: what this mapping would store and reject, and why; nothing is stored.
	async preview({ key, form }: MappingForm) {
		const upload = uploadOf(key);
		const parsed = profileFrom(form);
		if ('problems' in parsed) return { problems: parsed.problems, preview: null };
		try {
			return { problems: [], preview: await previewMapping(upload.file, parsed.profile) };
		} catch (e) {
			if (e instanceof ImportRefusal) return { problems: e.issues.map((i) => i.message), preview: null };
			throw e;
		}
	},
	async save({ key, form, userId }: MappingForm) {
		const upload = uploadOf(key);
		const name = String(form.get('name') ?? '').trim();
		const parsed = profileFrom(form);
		if (!name) return fail(400, { message: m.imports_map_name_needed() });
		if ('problems' in parsed) return fail(400, { message: parsed.problems.join('; '), english: true });
		const { header } = await readWideSample(upload.file, { rows: 0 });
		await saveProfile(await getDb(), {
			name,
			profile: parsed.profile,
			columns: header,
			userId
		});
		return { message: m.imports_map_saved({ name }) };
	},
	// Saves the profile when it has a name, then imports the file through it.
	async import({ key, form, userId }: MappingForm) {
		const upload = uploadOf(key);
		const name = String(form.get('name') ?? '').trim();
		const parsed = profileFrom(form);
		if ('problems' in parsed) return fail(400, { message: parsed.problems.join('; '), english: true });
		const db = await getDb();
		if (name) {
			const { header } = await readWideSample(upload.file, { rows: 0 });
			await saveProfile(db, { name, profile: parsed.profile, columns: header, userId });
		}
		const job = startImport(db, [upload.file], { profile: parsed.profile, userId });
		releaseUpload(upload.key);
		redirect(303, `/imports/jobs/${job.key}`);
	}
};
