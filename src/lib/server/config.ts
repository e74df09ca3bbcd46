// The one module that reads the environment. Everything else takes its settings as arguments,
// so the app, the CLI, benchmarks and tests share code and differ only here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { disclosurePolicy, type DisclosurePolicy } from '../domain/suppression/index.ts';

/** The folder holding Stackwise's package.json, found from this file so it works from src/ and build/. */
export function projectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const pkg = join(dir, 'package.json');
		if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'stackwise') return dir;
		const up = dirname(dir);
		if (up === dir) return process.cwd();
		dir = up;
	}
}

export type Settings = {
	/** postgres:// URL; when absent the embedded PGlite database is used. */
	databaseUrl: string | undefined;
	/** Where PGlite keeps its files. */
	dataDir: string;
	/** Which bundled data an empty database gets at start-up: 'default' (oulad,tga,demo), a list, or 'none'. */
	seed: string;
	/** The disclosure policy for every non-admin (STACKWISE_SUPPRESSION_THRESHOLD, STACKWISE_DISCLOSURE). */
	disclosure: DisclosurePolicy;
	/**
	 * The command line's: the same, but exact counts (mode 'suppress') unless STACKWISE_DISCLOSURE
	 * says otherwise. Its caller holds the database (and `--no-suppression`), so rounding protects
	 * nobody there, while the analyses it serves compare its figures with the metrics' definitions.
	 */
	cliDisclosure: DisclosurePolicy;
	/** Enrolments older than this many years are deleted (unset: kept). */
	retentionYears: number | undefined;
	/** Demo mode: demo accounts are created at start (never in a real deployment). */
	demo: boolean;
};

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
	const root = projectRoot();
	const threshold = env.STACKWISE_SUPPRESSION_THRESHOLD
		? Number(env.STACKWISE_SUPPRESSION_THRESHOLD)
		: undefined;
	return {
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: resolve(root, env.STACKWISE_DATA_DIR || '.data'),
		seed: env.STACKWISE_SEED ?? 'default',
		disclosure: disclosurePolicy({ threshold, mode: env.STACKWISE_DISCLOSURE || undefined }),
		cliDisclosure: disclosurePolicy({ threshold, mode: env.STACKWISE_DISCLOSURE || 'suppress' }),
		retentionYears: env.STACKWISE_RETENTION_YEARS ? Number(env.STACKWISE_RETENTION_YEARS) : undefined,
		demo: env.STACKWISE_DEMO === '1' || env.STACKWISE_DEMO === 'true'
	};
}
