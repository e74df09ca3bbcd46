// PGlite is one process's database: a second process opening the same folder would corrupt it.
// A lock file holding the owner's pid makes the second one stop with a clear message instead.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the folder's lock or throws naming the process that holds it; returns the release. */
export function lockDataDir(dataDir: string): () => void {
	const file = join(dataDir, 'stackwise.lock');
	if (existsSync(file)) {
		const pid = Number(readFileSync(file, 'utf8').trim());
		if (pid && pid !== process.pid && alive(pid))
			throw new Error(
				`The embedded database in ${dataDir} is in use by process ${pid} (a running Stackwise app or command). ` +
					`Stop it first, or point both at PostgreSQL with DATABASE_URL.`
			);
	}
	writeFileSync(file, String(process.pid));
	return () => {
		try {
			if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
		} catch {
			// The folder may already be gone (tests remove temporary folders).
		}
	};
}
