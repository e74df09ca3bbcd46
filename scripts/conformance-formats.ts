// Conformance run of the credential-format parsers over the shared real documents:
//   npx tsx scripts/conformance-formats.ts [data-folder] [--json]
// Walks <data>/{open-badges,elm,ctdl} (default ../shared/data), detects each file's format by
// content, parses it, and prints per format: files, units read, rejected units, refused files,
// verification states and warnings. Nothing is fetched; Open Badges files may name companions
// (BadgeClasses, issuers, keys, status lists) that are resolved from the same folder only. It
// exits non-zero only if a parser failed with anything other than a clean refusal (a bug).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportRefusal } from '../src/lib/server/import/records.ts';
import { DETECT_HEAD_BYTES, detectFormat, fileResolver, parseCredentialFile } from '../src/lib/server/import/credential-formats.ts';
import type { Verification } from '../src/lib/domain/types.ts';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '../../shared/data'));
const FOLDERS = ['open-badges', 'elm', 'ctdl'];

function* walk(dir: string): Generator<string> {
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* walk(path);
		else yield path;
	}
}

type Summary = {
	files: number;
	units: number;
	stored: number;
	rejected: number;
	refused: number;
	warnings: number;
	rows: number;
	verification: Record<Verification, number>;
};
const newSummary = (): Summary => ({ files: 0, units: 0, stored: 0, rejected: 0, refused: 0, warnings: 0, rows: 0, verification: { verified: 0, unverified: 0, failed: 0, unsigned: 0 } });

const summaries = new Map<string, Summary>();
const skipped: string[] = [];
const crashes: { file: string; error: string }[] = [];
const details: { file: string; format: string; outcome: string }[] = [];

for (const folder of FOLDERS) {
	const dir = join(root, folder);
	let files: string[];
	try {
		files = [...walk(dir)];
	} catch {
		console.error(`conformance: ${dir} not found; skipped`);
		continue;
	}
	const companions = folder === 'open-badges' ? fileResolver(files.map((f) => ({ name: f, bytes: readFileSync(f) }))) : undefined;
	for (const path of files) {
		const file = relative(root, path);
		const bytes = new Uint8Array(readFileSync(path));
		const format = detectFormat({ fileName: path, head: bytes[0] === 0x89 ? bytes : bytes.subarray(0, DETECT_HEAD_BYTES) });
		if (!format) {
			skipped.push(file);
			continue;
		}
		const s = summaries.get(format) ?? newSummary();
		summaries.set(format, s);
		s.files++;
		const states: string[] = [];
		try {
			for await (const unit of parseCredentialFile({ format, file, bytes, resolve: companions })) {
				s.units++;
				if (unit.kind === 'rejected') {
					s.rejected++;
					states.push(`rejected (${unit.issues[0]?.message ?? ''})`);
					continue;
				}
				s.stored++;
				s.rows += unit.rows.length;
				s.warnings += unit.warnings?.length ?? 0;
				const awards = unit.rows.filter((r) => r.table === 'awards').map((r) => (r.row as { verification: Verification }).verification);
				for (const v of awards) s.verification[v]++;
				states.push(awards.length ? awards.join('+') : `${unit.rows.length} rows`);
			}
		} catch (error) {
			if (error instanceof ImportRefusal) {
				s.refused++;
				states.push(`refused (${error.issues[0]?.message ?? ''})`);
			} else {
				crashes.push({ file, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
				states.push('CRASHED');
			}
		}
		details.push({ file, format, outcome: states.join('; ') });
	}
}

if (asJson) {
	console.log(JSON.stringify({ root, formats: Object.fromEntries(summaries), skipped, crashes, files: details }, null, 2));
} else {
	console.log(`Credential-format conformance over ${root}\n`);
	for (const d of details) console.log(`  ${d.format.padEnd(4)} ${d.file}: ${d.outcome.length > 160 ? d.outcome.slice(0, 157) + '…' : d.outcome}`);
	console.log(`\n  not a credential format (skipped): ${skipped.length} — ${skipped.join(', ')}\n`);
	const header = ['format', 'files', 'units', 'stored', 'rejected', 'refused', 'rows', 'warnings', 'verified', 'unverified', 'failed', 'unsigned'];
	console.log(header.map((h) => h.padStart(11)).join(''));
	for (const [format, s] of [...summaries].sort()) {
		const v = s.verification;
		console.log([format, s.files, s.units, s.stored, s.rejected, s.refused, s.rows, s.warnings, v.verified, v.unverified, v.failed, v.unsigned].map((x) => String(x).padStart(11)).join(''));
	}
	console.log(`\n  parser crashes: ${crashes.length}`);
	for (const c of crashes) console.log(`  ${c.file}\n${c.error}`);
}
process.exitCode = crashes.length > 0 ? 1 : 0;
