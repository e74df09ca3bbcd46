// Graph build time and plan latency for the vendored training.gov.au catalogue and for a generated
// catalogue of 5,000 credentials. Prints figures only: no timing is asserted anywhere.
//   npx tsx scripts/bench-graph.ts      (npm run bench:graph)
import { randomLcg } from 'd3-random';
import { fileURLToPath } from 'node:url';
import { generateCatalogue } from '../src/lib/domain/demo/catalogue.ts';
import { buildStackingGraph } from '../src/lib/domain/stacking/build.ts';
import { indexCatalogue, type Catalogue } from '../src/lib/domain/stacking/catalogue.ts';
import { learnerProgress } from '../src/lib/domain/stacking/progress.ts';
import { membersOf } from '../src/lib/domain/stacking/requirements.ts';
import { PlanError, planCompletion, type Objective } from '../src/lib/domain/stacking/plan.ts';
import { readTgaCatalogue } from '../src/lib/server/import/tga/vendored.ts';
import { quantile } from './report.ts';

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function bench(name: string, catalogue: Catalogue, plans: number) {
	const builds: number[] = [];
	let nodes = 0;
	let edges = 0;
	for (let i = 0; i < 5; i++) {
		const t = performance.now();
		const { graph } = buildStackingGraph({ catalogue });
		builds.push(performance.now() - t);
		nodes = graph.order;
		edges = graph.size;
	}
	console.log(
		`\n${name}: ${catalogue.credentials.length} credentials, ${catalogue.groups.length} groups, ${catalogue.prerequisites.length} prerequisites → graph ${nodes} nodes, ${edges} edges`
	);
	console.log(`  build (median of 5): ${ms(quantile(builds, 0.5))}`);
	const index = indexCatalogue(catalogue);
	const random = randomLcg(42);
	const days = new Map(catalogue.credentials.map((c) => [c.id, 10 + Math.floor(random() * 90)]));
	const objectives: Objective[] = catalogue.credentials.every(
		(c) => c.kind !== 'unit' || c.workloadHours !== null
	)
		? ['count', 'hours', 'time']
		: ['count', 'time'];
	for (const objective of objectives) {
		const times: number[] = [];
		let inexact = 0;
		let none = 0;
		for (let i = 0; i < plans; i++) {
			const target = index.targets[Math.floor(random() * index.targets.length)];
			// A learner part-way: a random third of the target's members held.
			const held = [...membersOf({ index, target })].filter(() => random() < 0.33);
			const t = performance.now();
			try {
				const plan = planCompletion({ catalogue: index, target, held, objective, medianDays: days });
				if (!plan.exact) inexact++;
			} catch (e) {
				if (!(e instanceof PlanError)) throw e;
				none++;
			}
			times.push(performance.now() - t);
		}
		console.log(
			`  plan '${objective}' ×${plans}: p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}, max ${ms(Math.max(...times))}${inexact ? `, ${inexact} not proven optimal` : ''}${none ? `, ${none} without a plan` : ''}`
		);
	}
	const times: number[] = [];
	for (let i = 0; i < 50; i++) {
		const target = index.targets[Math.floor(random() * index.targets.length)];
		const held = [...membersOf({ index, target })].filter(() => random() < 0.33);
		const t = performance.now();
		learnerProgress({ catalogue: index, held, onlyReachable: true });
		times.push(performance.now() - t);
	}
	console.log(
		`  progress over all qualifications ×50: p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}`
	);
}

const { catalogue: tga } = readTgaCatalogue({
	dir: fileURLToPath(new URL('../data/tga/xml/', import.meta.url))
});
bench('Vendored training.gov.au (25 qualifications)', tga, 500);
bench('Generated catalogue', generateCatalogue({ seed: 1, credentials: 5000 }), 500);
