import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { FORMAT_IDS, collectFiles, importFiles, type FormatId } from '../import/index.ts';
import { formatIssue } from '../import/records.ts';
import type { ImportReport } from '../import/loader.ts';
import { UsageError } from './args.ts';
import type { CommandContext } from './main.ts';
import { progressReporter } from './progress.ts';
import { failDeadImports } from '../import/running.ts';

export async function importCommand(
	argv: string[],
	{ openDb, stdout, stderr }: CommandContext
): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			format: { type: 'string', default: 'auto' },
			map: { type: 'string', multiple: true },
			json: { type: 'boolean', default: false }
		}
	});
	if (positionals.length === 0) throw new UsageError('import needs at least one file or folder');
	if (!(FORMAT_IDS as readonly string[]).includes(values.format!))
		throw new UsageError(`--format must be one of ${FORMAT_IDS.join(', ')}`);
	for (const path of positionals)
		if (!existsSync(path)) throw new UsageError(`no such file or folder: ${path}`);

	const map: Record<string, string> = {};
	for (const pair of values.map ?? []) {
		const [column, field] = pair.split('=');
		if (!column || !field) throw new UsageError(`--map takes column=field, not "${pair}"`);
		map[column.trim()] = field.trim();
	}
	const db = await openDb();
	for (const id of await failDeadImports(db))
		stderr.write(`import ${id} had stopped unfinished (its process died); marked failed\n`);
	const progress = progressReporter(stderr);
	const { reports, unrecognised } = await importFiles(db, collectFiles(positionals), {
		format: values.format as FormatId,
		map,
		onProgress: progress.update
	});
	progress.end();

	const files = [
		...reports.flatMap((r) => r.files),
		...unrecognised.map((f) => ({
			path: f.path,
			format: 'unknown',
			read: 0,
			stored: 0,
			rejected: 0,
			errors: [{ file: f.path, message: 'not a format Stackwise recognises' }],
			warnings: [],
			verification: { verified: 0, failed: 0, unsigned: 0, unverified: 0 },
			documents: []
		}))
	];
	if (values.json) {
		const strip = ({ file: _file, ...issue }: { file: string }) => issue;
		stdout.write(
			JSON.stringify({ files: files.map((f) => ({ ...f, errors: f.errors.map(strip) })) }, null, 2) + '\n'
		);
	} else {
		for (const report of reports) printReport(report, stdout);
		for (const f of unrecognised) stdout.write(`${f.path}: skipped, not a format Stackwise recognises\n`);
	}
	const wholeRejected = reports.some((r) => r.status !== 'succeeded') || unrecognised.length > 0;
	return wholeRejected ? 1 : 0;
}

function printReport(report: ImportReport, out: NodeJS.WriteStream) {
	out.write(`import #${report.importId} (${report.format}): ${report.status}\n`);
	for (const issue of report.refusal) out.write(`  refused: ${formatIssue(issue)}\n`);
	for (const f of report.files) {
		out.write(`  ${f.path}: read ${f.read}, stored ${f.stored}, rejected ${f.rejected}\n`);
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
