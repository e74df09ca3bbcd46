// Generated demo learners: a few thousand synthetic learners holding units of the
// bundled training.gov.au qualifications, so learner pages have pathways to show. They go through
// the same loader as real data, one unit per learner, and are labelled generated throughout
// (providers and learners carry origin 'generated'; every figure of real data leaves them out).
import { generateDemoLearners } from '../../domain/demo/index.ts';
import type { Catalogue } from '../../domain/stacking/index.ts';
import type { ImportJob } from './loader.ts';
import type { ImportRow, ParsedUnit } from './records.ts';
import type { SourceFile } from './source.ts';
import { Readable } from 'node:stream';

export const DEMO_SEED = 2026;
export const DEMO_LEARNERS = 3000;

/** A stand-in "file" naming what was generated, for the import history. */
function generatedSource(label: string): SourceFile {
	return {
		path: label,
		name: label,
		size: 1,
		bytes: () => Readable.from([]),
		raw: () => Readable.from([Buffer.from(label)])
	};
}

/** `catalogue` is read before the import starts (PGlite has one connection: no reads beside the transaction). */
export function demoLearnersJob(
	catalogue: Catalogue,
	{ seed = DEMO_SEED, count = DEMO_LEARNERS } = {}
): ImportJob {
	const label = `generated demo learners (seed ${seed}, ${count} learners)`;
	return {
		format: 'generated',
		files: [generatedSource(label)],
		strict: true,
		async *parse(onBytes): AsyncGenerator<ParsedUnit> {
			const demo = generateDemoLearners({ seed, count, catalogue });
			onBytes(1);
			const byLearner = new Map<string, ImportRow[]>();
			const add = (learnerId: string, row: ImportRow) =>
				(byLearner.get(learnerId) ?? byLearner.set(learnerId, []).get(learnerId)!).push(row);
			for (const e of demo.enrolments) add(e.learnerId, { table: 'enrolments', row: e });
			for (const a of demo.awards) add(a.learnerId, { table: 'awards', row: a });
			let line = 0;
			for (const learner of demo.learners) {
				const rows: ImportRow[] = [
					...(line === 0 ? demo.providers.map((row): ImportRow => ({ table: 'providers', row })) : []),
					{ table: 'learners', row: learner },
					...(byLearner.get(learner.id) ?? [])
				];
				yield { kind: 'rows', at: { file: label, line: ++line }, rows };
			}
		}
	};
}
