// `stackwise <command>`: the command-line face of the same code the app runs.
import type { Db } from '../db/client.ts';
import { UsageError, type Command, type CommandContext } from './args.ts';

const USAGE = `Usage: stackwise <command> [options]

Commands:
  import <paths…> [--format auto|oulad|csv|arrow] [--map column=field…] [--origin real|sample|test] [--json]
      Import files or folders (formats detected by content). All-or-nothing per import.
      --origin sample|test labels the rows so they stay out of every figure of real data.
  import FILE --profile PROFILE.json [--json]
      Import a wide extract (a row per student or enrolment) through a mapping profile.
  import FILE --suggest-profile
      Print a draft mapping profile guessed from the file's header and first rows, to edit.
  verify <files…> [--json]
      Each credential or presentation (JSON-LD, VC-JWT, enveloped, baked) against the W3C VC 2.0
      data model, with its proof and each credential it encloses. Exit status 1 when any does not conform.
  export [--format arrow|csv] [--out DIR] [--table T…] [--json]
      Write every table (or those named) as Arrow IPC files or CSV templates.
  metrics completion [--credential ID] [--by DIM[,DIM2]] [--reference GROUP] [--as-of YYYY-MM-DD] [--json]
      Completion rate (completed ÷ known outcome) with its 95% Wilson interval, and per group the
      gap and ratio to a reference group (default: the highest rate) with the four-fifths flag.
  metrics time-to-credential [--credential ID] [--by DIM[,DIM2]] [--as-of DATE] [--at 60,120,240] [--json]
      Cumulative incidence of completion (Aalen–Johansen; withdrawal and failure compete,
      in-progress censored at the cut-off) with 95% intervals, and the median with its interval.
  metrics stacking [--qualification ID] [--by DIM[,DIM2]] [--as-of DATE] [--json]
      Of learners holding a credential that counts toward a qualification, the share who achieved it,
      and their progress (share of requirement groups satisfied).
  metrics conformance [--as-of DATE] [--verified-only] [--json]
      Each credential against the EU, Australian and UNESCO definitions; share of awards meeting each.
  metrics issuance [--issuance level|provider_kind|mode|qa_approach] [--json]
      Awards per quarter of issue, whole system or by the breakdown.
  metrics overview [--json]
      The dashboards' headline counts: learners, enrolments, awards, providers, credentials.
  metrics flows [--by DIM] [--group G] [--kind next|toward] [--cohorts each|combined]
                [--from COHORT] [--to COHORT] [--limit N] [--offset N] [--json]
      Observed flows (credential → next credential, credential → qualification achieved).
      Every metric takes the API's parameters as flags (/api/metrics/<name>?asOf=… is --as-of …):
      --data real|generated|all, --cohort, --provider, --level, --mode, --qa-approach, --credential,
      --verified-only; --json prints the API's JSON.
      Every figure follows the disclosure policy (STACKWISE_SUPPRESSION_THRESHOLD, default 10;
      STACKWISE_DISCLOSURE=suppress|round5|both; docs/disclosure.md): exact counts with small cells
      withheld here unless STACKWISE_DISCLOSURE is set; the app's pages and APIs default to both.
      --no-suppression: the admin view.
  whatif --scenario FILE [--as-of DATE] [--data real|generated|all] [--json]
      Policy what-if: replay the affected learners' awards under today's rules and under the
      scenario's (data/scenarios/*.json: recognise, requirement, prerequisite, creditTransfer);
      completions now and under the scenario, time to the qualification, equity before and after.
      Default --data generated (the bundled real data stacks into nothing); --as-of default today.
  watch [--as-of DATE] [--data real|generated|all] [--json]
      The credentialism watch: credentials first offered and awarded per quarter, awards per credential,
      overlap clusters (skills, units, near-duplicate titles), dead ends, the participation share.
  quality [--provider ID] [--json]
      Providers' data-quality cards: share of records carrying each required element, stubs, stacking
      rules parsed or not, awards verified, last import; with --provider, each record to fix.
  catalogue list [--qualifications] [--search TEXT] [--json]
  catalogue show <credential-id> [--json]
      A credential and the stacking rules it plans with (requirement groups, prerequisites, unparsed text).
  pathway progress (--learner ID | --holding ID,ID…) [--all] [--json]
      Progress toward every qualification the holdings count toward.
  pathway plan (--learner ID | --holding ID,ID…) --target ID [--objective count|hours|time] [--json]
      The exact cheapest set of credentials that completes the target, honouring prerequisites.
  recommend (--learner ID | --learners-file PATH) [--goal ID] [--k 5] [--as-of DATE] [--json]
      Next steps with their reasons; a file (one id a line) gives one JSON line per learner.
  keys create
      Make the deployment's issuer key (Ed25519, did:key) in the file STACKWISE_ISSUER_KEY_FILE
      names (outside the repository); prints the did and where it is kept.
  record --learner ID [--qualification Q] --out FILE
      The learner's record as a signed CLR 2.0 / Open Badges 3.0 credential (eddsa-rdfc-2022): their
      awards with each one's verification, progress toward Q (default: the nearest) and the plan.
  generate --learners N [--seed S] [--out DIR] [--format arrow|csv] [--credentials N]
      Synthetic providers, catalogue, learners and enrolments (OULAD-calibrated), streamed to files.
  user add --email E --role admin|policymaker|provider|learner [--provider ID] [--learner ID]
      Create an account (password prompted; --password-stdin, or --generate-password prints one).
  user list [--json]
  learner consent <learner-id> --on|--off
      Analytics consent: a learner who opts out is in no aggregate or flow.
  retention apply [--years N]
      Delete enrolments older than N years (STACKWISE_RETENTION_YEARS) with their awards and imports.
  serve [--port N]
      Run the built app (builds it first when the sources are newer).
  db status [--json]
      The engine (PGlite, PostgreSQL, or Citus with its workers) and what each table is on it.
  db distribute
      On a Citus coordinator: make the reference and distributed tables (docs/scaling.md). Idempotent;
      opening the database does it too. Prints what it did.
  rollups refresh
      Count the dashboards' sums again from every row (what a failed or pending count left).

DIM: gender, age_band, disability, deprivation_band, region, prior_education.
Metrics count real data; --data generated|all includes generated (demo, synthetic) learners.

The database is PostgreSQL when DATABASE_URL is set, otherwise the embedded one in
STACKWISE_DATA_DIR (default .data/).`;

// Each command's modules load when it runs: `serve` (what `npm start` runs) need not load every
// importer and query first, so the first start answers sooner.
const COMMANDS: Record<string, () => Promise<Command>> = {
	import: async () => (await import('./import.ts')).importCommand,
	export: async () => (await import('./export.ts')).exportCommand,
	verify: async () => (await import('./verify.ts')).verifyCommand,
	metrics: async () => (await import('./metrics.ts')).metricsCommand,
	catalogue: async () => (await import('./catalogue.ts')).catalogueCommand,
	watch: async () => (await import('./watch.ts')).watchCommand,
	whatif: async () => (await import('./whatif.ts')).whatifCommand,
	quality: async () => (await import('./watch.ts')).qualityCommand,
	pathway: async () => (await import('./catalogue.ts')).pathwayCommand,
	recommend: async () => (await import('./recommend.ts')).recommendCommand,
	generate: async () => (await import('./generate.ts')).generateCommand,
	keys: async () => (await import('./record.ts')).keysCommand,
	record: async () => (await import('./record.ts')).recordCommand,
	user: async () => (await import('./user.ts')).userCommand,
	learner: async () => (await import('./privacy.ts')).learnerCommand,
	retention: async () => (await import('./privacy.ts')).retentionCommand,
	serve: async () => (await import('./serve.ts')).serveCommand,
	db: async () => (await import('./db.ts')).dbCommand,
	rollups: async () => (await import('./db.ts')).rollupsCommand
};

export async function main(argv: string[], io: Partial<CommandContext> = {}): Promise<number> {
	const stdout = io.stdout ?? process.stdout;
	const stderr = io.stderr ?? process.stderr;
	let db: Db | undefined;
	const context: CommandContext = {
		stdout,
		stderr,
		openDb:
			io.openDb ??
			(async () => {
				if (!db) {
					const [{ readSettings }, { createDb }] = await Promise.all([
						import('../config.ts'),
						import('../db/client.ts')
					]);
					const settings = readSettings();
					db = await createDb({ url: settings.databaseUrl, dataDir: settings.dataDir });
					if (db.rollupsIssue) stderr.write(`stackwise: warning: ${db.rollupsIssue}\n`);
				}
				return db;
			})
	};
	const [command, ...rest] = argv;
	try {
		const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
		if (load) return await (await load())(rest, context);
		switch (command) {
			case undefined:
			case 'help':
			case '--help':
			case '-h':
				stdout.write(USAGE + '\n');
				return command === undefined ? 1 : 0;
			default:
				throw new UsageError(`unknown command "${command}"`);
		}
	} catch (error) {
		if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			stderr.write(`stackwise: ${(error as Error).message}\n\n${USAGE}\n`);
			return 2;
		}
		stderr.write(`stackwise: ${(error as Error).message ?? error}\n`);
		return 1;
	} finally {
		if (db && !io.openDb) await db.close();
	}
}
