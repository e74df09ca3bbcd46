// `stackwise verify <files…> [--json]`: each credential or presentation judged against the
// VC 2.0 data model, with its proof and the same for every credential it encloses. No database.
// Exit status 1 when any file does not conform.
import { existsSync } from 'node:fs';
import { collectFiles, isDocumentation } from '../import/index.ts';
import { DOCUMENT_LIMIT_BYTES } from '../import/limits.ts';
import { readAllBytes } from '../import/source.ts';
import type { DocumentCheck } from '../../domain/document-check.ts';
import { verifyFile } from '../import/verify-file.ts';
import { UsageError, command } from './args.ts';

/** The JSON `verify --json` prints for one document (and, nested, for what it encloses). */
function shape(check: DocumentCheck): object {
	return {
		path: check.path,
		kind: check.kind,
		conforms: check.conforms,
		problems: check.problems,
		proof: check.proof,
		proofReason: check.proofReason,
		...(check.kind === 'presentation' ? { holder: check.holder ?? null } : {}),
		warnings: check.warnings,
		credentials: check.credentials.map(shape)
	};
}

function print(check: DocumentCheck, out: NodeJS.WriteStream, indent = '') {
	const holder = check.kind === 'presentation' ? `, holder ${check.holder ?? 'not named'}` : '';
	out.write(
		`${indent}${check.path}: ${check.kind} ${check.conforms ? 'conforms to' : 'does not conform to'} VC 2.0; proof ${check.proof} (${check.proofReason})${holder}\n`
	);
	for (const p of check.problems) out.write(`${indent}  ✗ ${p.rule} at ${p.path}: ${p.message}\n`);
	for (const w of check.warnings) out.write(`${indent}  ! ${w.rule} at ${w.path}: ${w.message}\n`);
	for (const c of check.credentials) print(c, out, indent + '  ');
}

export const verifyCommand = command({
	options: { json: { type: 'boolean', default: false } },
	positionals: true,
	run: async ({ values, positionals }, { stdout }) => {
		if (positionals.length === 0) throw new UsageError('verify needs at least one file or folder');
		for (const path of positionals)
			if (!existsSync(path)) throw new UsageError(`no such file or folder: ${path}`);
		const files: DocumentCheck[] = [];
		// Folders: their documentation (README, LICENSE …) is not a credential; files named are read.
		const named = new Set(positionals);
		for (const file of collectFiles(positionals).filter((f) => named.has(f.path) || !isDocumentation(f))) {
			const bytes = await readAllBytes(file, DOCUMENT_LIMIT_BYTES);
			files.push(...(await verifyFile(bytes, file.path)));
		}
		if (values.json) stdout.write(JSON.stringify({ files: files.map(shape) }, null, 2) + '\n');
		else for (const check of files) print(check, stdout);
		return files.every((f) => f.conforms) ? 0 : 1;
	}
});
