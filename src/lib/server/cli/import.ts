import { IMPORT_ORIGINS, type ImportOrigin } from '../../domain/types.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { FORMAT_IDS, collectFiles, importFiles, type FormatId } from '../import/index.ts';
import { formatIssue } from '../import/records.ts';
import { readWideSample, parseProfile, type Profile, suggestProfile } from '../import/profile/index.ts';
import { describeLayout } from '../import/text-layout.ts';
import { unrecognisedMessage } from '../import/unrecognised.ts';
import type { ImportReport } from '../import/loader.ts';
import { UsageError, command } from './args.ts';
import { progressReporter } from './progress.ts';
import { failDeadImports } from '../import/running.ts';

export const importCommand = command({
	options: {
		format: { type: 'string', default: 'auto' },
		map: { type: 'string', multiple: true },
		profile: { type: 'string' },
		origin: { type: 'string', default: 'real' },
		'suggest-profile': { type: 'boolean', default: false },
		json: { type: 'boolean', default: false }
	},
	positionals: true,
	run: async ({ values, positionals }, { openDb, stdout, stderr }) => {
		if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
		if (values['suggest-profile']) return suggestCommand(positionals, stdout, stderr);
		const profile = values.profile ? readProfile(values.profile) : undefined;
		if (!(FORMAT_IDS as readonly string[]).includes(values.format!))
			throw new UsageError(`--format must be one of ${FORMAT_IDS.join(', ')}`);
		if (!(IMPORT_ORIGINS as readonly string[]).includes(values.origin!))
			throw new UsageError(`--origin must be one of ${IMPORT_ORIGINS.join(', ')}`);
		for (const path of positionals)
			if (!existsSync(path)) throw new UsageError(`no such file or folder: ${path}`);

		const map = readMapPairs(values.map ?? []);
		const db = await openDb();
		for (const id of await failDeadImports(db))
			stderr.write(`import ${id} had stopped unfinished (its process died); marked failed\n`);
		const progress = progressReporter(stderr);
		const { reports, unrecognised, skipped } = await importFiles(db, collectFiles(positionals), {
			format: values.format as FormatId,
			map,
			profile,
			origin: values.origin as ImportOrigin,
			onProgress: progress.update
		});
		progress.end();

		const unrecognisedMessages = await Promise.all(unrecognised.map((f) => unrecognisedMessage(f)));
		const files = [
			...reports.flatMap((r) => r.files),
			...unrecognised.map((f, i) =>
				unreadFile({
					path: f.path,
					format: 'unknown',
					errors: [{ file: f.path, message: unrecognisedMessages[i] }]
				})
			),
			...skipped.map((s) =>
				unreadFile({ path: s.file.path, format: s.format, skipped: s.reason, errors: [] })
			)
		];
		if (values.json) {
			const strip = ({ file: _file, ...issue }: { file: string }) => issue;
			stdout.write(
				JSON.stringify({ files: files.map((f) => ({ ...f, errors: f.errors.map(strip) })) }, null, 2) + '\n'
			);
		} else {
			for (const report of reports) printReport(report, stdout);
			unrecognised.forEach((f, i) => stdout.write(`${f.path}: skipped, ${unrecognisedMessages[i]}\n`));
			for (const s of skipped) stdout.write(`${s.file.path}: known and skipped, ${s.reason}\n`);
		}
		const wholeRejected = reports.some((r) => r.status !== 'succeeded') || unrecognised.length > 0;
		return wholeRejected ? 1 : 0;
	}
});

/** `--map column=field` pairs as a column → field map. */
function readMapPairs(pairs: string[]): Record<string, string> {
	const map: Record<string, string> = {};
	for (const pair of pairs) {
		const [column, field] = pair.split('=');
		if (!column || !field) throw new UsageError(`--map takes column=field, not "${pair}"`);
		map[column.trim()] = field.trim();
	}
	return map;
}

/** The report entry of a file that was not read: unrecognised, or known and skipped. */
function unreadFile({
	path,
	format,
	skipped,
	errors
}: {
	path: string;
	format: string;
	skipped?: string;
	errors: Array<{ file: string; message: string }>;
}) {
	return {
		path,
		format,
		...(skipped === undefined ? {} : { skipped }),
		read: 0,
		stored: 0,
		rejected: 0,
		errors,
		warnings: [],
		verification: { verified: 0, failed: 0, unsigned: 0, unverified: 0 },
		documents: []
	};
}

/** `--profile FILE`: the mapping profile, or a usage error naming each problem by its JSON path. */
function readProfile(path: string): Profile {
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new UsageError(`--profile ${path}: ${(error as Error).message}`);
	}
	const parsed = parseProfile(json);
	if ('problems' in parsed)
		throw new UsageError(
			`--profile ${path} is not a usable mapping profile:\n  ${parsed.problems.join('\n  ')}`
		);
	return parsed.profile;
}

/** `--suggest-profile`: a draft profile on stdout (JSON, to save and edit), what was guessed on stderr. */
async function suggestCommand(paths: string[], stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream) {
	if (paths.length !== 1 || !statSync(paths[0]).isFile())
		throw new UsageError('--suggest-profile takes one file (the extract to map)');
	const [file] = collectFiles(paths);
	const sample = await readWideSample(file, { rows: SUGGEST_SAMPLE_ROWS });
	const { profile, notes } = suggestProfile(
		sample.header,
		sample.rows.map((r) => r.fields),
		sample.layout,
		file.name.replace(/\.[^.]*$/, '')
	);
	stdout.write(JSON.stringify(profile, null, '\t') + '\n');
	stderr.write(
		`A draft from the header and the first ${sample.rows.length} rows of ${file.path}; check it, edit it, then\n` +
			`  stackwise import ${file.path} --profile PROFILE.json\n` +
			notes.map((n) => `  - ${n}\n`).join('')
	);
	return 0;
}

/** How many rows a draft profile's guesses look at. */
const SUGGEST_SAMPLE_ROWS = 500;

function printReport(report: ImportReport, out: NodeJS.WriteStream) {
	out.write(`import #${report.importId} (${report.format}): ${report.status}\n`);
	for (const issue of report.refusal) out.write(`  refused: ${formatIssue(issue)}\n`);
	for (const f of report.files) {
		out.write(
			`  ${f.path}: read ${f.read}, stored ${f.stored}, rejected ${f.rejected}${f.text ? ` (${describeLayout(f.text)})` : ''}\n`
		);
		for (const issue of f.errors.slice(0, 10)) out.write(`    ${formatIssue(issue)}\n`);
		if (f.errors.length > 10)
			out.write(`    … and ${f.errors.length - 10} more (see the import's history)\n`);
		// Presentations (their holder and proof) and documents that break a VC 2.0 rule; the rest
		// are in --json and the import's history.
		for (const d of f.documents.filter((d) => d.kind === 'presentation' || !d.conforms))
			out.write(
				`    ${d.path}: ${d.kind}, proof ${d.proof}${d.holder !== undefined ? `, holder ${d.holder ?? 'not named'}` : ''}; ${d.conforms ? 'meets VC 2.0' : `does not meet VC 2.0: ${d.problems.map((p) => `${p.rule} at ${p.path}`).join('; ') || 'see its credentials'}`}\n`
			);
	}
	const changed = Object.entries(report.changed).filter(([, c]) => c && c.inserted + c.updated > 0);
	if (report.status === 'succeeded')
		out.write(
			changed.length === 0
				? '  nothing changed: the database already held these records\n'
				: `  changed: ${changed.map(([t, c]) => `${t} +${c!.inserted} ~${c!.updated}`).join(', ')}\n`
		);
	if (report.rollupsIssue) out.write(`  warning: ${report.rollupsIssue.message}\n`);
}
