// The attack suites' crafted data (disclosure-attack*.test.ts): blocks of learners alike in their
// groups, each with one enrolment (some with a second, completed, in the next cohort — flows), an
// award for every completed enrolment when asked, written as the flat CSV files an admin imports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { ensureRollups } from '../../src/lib/server/rollups.ts';
import type { Engine } from './engines.ts';

export type Cohort = '2023A' | '2023B';
export type Block = {
	n: number;
	gender: string;
	disability: string;
	region: string;
	cohort: Cohort;
	credential: string;
	/** How many of them go on to a second credential (CB, or CA after CB) in 2023B, completed. */
	next?: number;
};

const STATUSES = ['completed', 'completed', 'withdrawn', 'failed', 'completed'] as const;
const START: Record<Cohort, string> = { '2023A': '2023-01-10', '2023B': '2023-07-10' };
const END: Record<Cohort, string> = { '2023A': '2023-05-20', '2023B': '2024-01-15' };

export type CraftedData = {
	/** Learner ids start with it. */
	prefix: string;
	blocks: readonly Block[];
	/** Whole CSV files besides learners, enrolments and awards: name → [header, ...rows]. */
	files: Record<string, string[]>;
	/** An award for every completed enrolment, every third learner's verified. */
	awards?: boolean;
};

function writeData(dir: string, { prefix, blocks, files, awards: withAwards = false }: CraftedData) {
	const csv = (name: string, lines: string[]) =>
		writeFileSync(join(dir, `${name}.csv`), lines.join('\n') + '\n');
	for (const [name, lines] of Object.entries(files)) csv(name, lines);
	const learners: string[] = [];
	const enrolments: string[] = [];
	const awards: string[] = [];
	let k = 0;
	const enrol = (id: string, enrolment: string, credential: string, cohort: Cohort, status: string) => {
		enrolments.push(`${id},${enrolment},${credential},${cohort},${START[cohort]},${END[cohort]},${status},`);
		if (withAwards && status === 'completed')
			awards.push(
				`${id},${enrolment}-aw,${credential},${enrolment},${END[cohort]},,${k % 3 === 0 ? 'verified' : 'unsigned'},,`
			);
	};
	for (const b of blocks)
		for (let i = 0; i < b.n; i++, k++) {
			const id = `${prefix}-${String(k).padStart(4, '0')}`;
			learners.push(`${id},${b.gender},0-35,${b.disability},20-30%,${b.region},A Level,true,,real`);
			enrol(id, `${id}-1`, b.credential, b.cohort, STATUSES[k % STATUSES.length]);
			if (i < (b.next ?? 0)) enrol(id, `${id}-2`, b.credential === 'CB' ? 'CA' : 'CB', '2023B', 'completed');
		}
	csv('learners', [
		'id,gender,age_band,disability,deprivation_band,region,prior_education,analytics_consent,identity_hash,origin',
		...learners
	]);
	csv('enrolments', ['learner_id,id,credential_id,cohort,started_on,ended_on,status,result', ...enrolments]);
	if (withAwards)
		csv('awards', [
			'learner_id,id,credential_id,enrolment_id,issued_on,expires_on,verification,verification_reason,source',
			...awards
		]);
}

/** A database of the engine holding the crafted data, and how to close it (and its files). */
export async function openWithData(
	engine: Engine,
	data: CraftedData
): Promise<{ db: Db; close(): Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), `stackwise-${data.prefix}-`));
	const db = await engine.open();
	writeData(dir, data);
	const { reports } = await importFiles(db, collectFiles([dir]));
	expect(reports.map((r) => r.status)).toEqual(['succeeded']);
	await ensureRollups(db.orm);
	return {
		db,
		async close() {
			await db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
