// `stackwise catalogue …` and `stackwise pathway …`: the stacking rules and a learner's way through them.
import { getCredentialDetail, listCredentials } from '../queries/credential-detail.ts';
import { searchCatalogue } from '../queries/catalogue-page.ts';
import { getLearnerHoldings, getPlan, getProgress } from '../queries/pathway.ts';
import { UsageError, command, subcommands, type CommandContext } from './args.ts';
import {
	type Objective,
	requirementTree,
	ruleSentence,
	type RequirementNode
} from '../../domain/stacking/index.ts';

const catalogueList = command({
	options: {
		json: { type: 'boolean', default: false },
		search: { type: 'string' },
		qualifications: { type: 'boolean', default: false }
	},
	run: async ({ values }, { openDb, stdout }) => {
		const db = await openDb();
		// A search is the catalogue page's (full text, typos, ranked best first); without one, the list.
		const list = values.search?.trim()
			? (
					await searchCatalogue(db, {
						q: values.search,
						kind: values.qualifications ? 'qualification' : undefined,
						pageSize: Number.MAX_SAFE_INTEGER
					})
				).results
			: await listCredentials(db, { stackableOnly: values.qualifications });
		if (values.json) stdout.write(JSON.stringify(list) + '\n');
		else
			for (const c of list)
				stdout.write(
					`${c.id.padEnd(16)} ${c.kind.padEnd(6)} ${c.title}${c.stackable ? '  [has requirements]' : ''}\n`
				);
		return 0;
	}
});

const catalogueShow = command({
	options: { json: { type: 'boolean', default: false } },
	positionals: true,
	run: async ({ values, positionals }, { openDb, stdout }) => {
		const [id] = positionals;
		if (!id) throw new UsageError('catalogue show needs a credential id');
		const detail = await getCredentialDetail(await openDb(), id);
		if (!detail) throw new UsageError(`no credential "${id}" in the catalogue`);
		if (values.json) {
			stdout.write(JSON.stringify(detail) + '\n');
			return 0;
		}
		stdout.write(
			`${detail.id}: ${detail.title} (${detail.kind}${detail.level ? `, ${detail.levelFramework ?? ''} ${detail.level}` : ''})\n`
		);
		const titles = new Map(
			detail.requirements.flatMap((g) => g.members.map((m, i) => [m, g.memberTitles[i]]))
		);
		const print = (node: RequirementNode, indent: string) => {
			stdout.write(`${indent}${node.label ?? 'Requirement'}: ${ruleSentence(node)}\n`);
			for (const m of node.members.slice(0, 40)) stdout.write(`${indent}  - ${titles.get(m) ?? m}\n`);
			if (node.members.length > 40)
				stdout.write(`${indent}  - … and ${node.members.length - 40} more (--json lists all)\n`);
			for (const child of node.children) print(child, indent + '  ');
		};
		for (const node of requirementTree(detail.requirements)) print(node, '  ');
		if (detail.prerequisites.length) stdout.write(`  requires first: ${detail.prerequisites.join(', ')}\n`);
		for (const u of detail.unparsed) stdout.write(`  not parsed: ${u}\n`);
		return 0;
	}
});

export const catalogueCommand = subcommands(
	{ list: catalogueList, show: catalogueShow },
	'catalogue: use "catalogue show <id>" or "catalogue list"'
);

async function holdingsOf(
	values: { learner?: string; holding?: string; 'as-of'?: string },
	openDb: CommandContext['openDb']
) {
	// `--holding ""` is a learner who holds nothing yet (a plan from the start).
	if (Boolean(values.learner) === (values.holding !== undefined))
		throw new UsageError('give exactly one of --learner ID, --holding ID,ID…');
	if (values.holding !== undefined)
		return values.holding
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	return getLearnerHoldings(await openDb(), values.learner!, values['as-of']);
}

export const pathwayCommand = command({
	words: 1,
	options: {
		learner: { type: 'string' },
		holding: { type: 'string' },
		target: { type: 'string' },
		objective: { type: 'string', default: 'count' },
		'as-of': { type: 'string' },
		all: { type: 'boolean', default: false },
		json: { type: 'boolean', default: false }
	},
	run: async ({ values, words: [action] }, { openDb, stdout, stderr }) => {
		const held = await holdingsOf(values, openDb);
		const db = await openDb();
		if (action === 'progress') {
			const progress = await getProgress(db, { held, onlyReachable: !values.all });
			if (values.json) stdout.write(JSON.stringify(progress) + '\n');
			else {
				for (const q of progress.qualifications)
					stdout.write(
						`${q.target} ${q.title}: ${Math.round(q.share * 100)}%${q.achieved ? ' achieved' : `, ${q.stillNeeded ?? '?'} more credential(s) needed`}; counts: ${q.counted.join(', ') || '—'}\n`
					);
				if (progress.qualifications.length === 0)
					stdout.write('Nothing held counts toward a qualification in the catalogue.\n');
			}
			return 0;
		}
		if (action !== 'plan') throw new UsageError('pathway: use "pathway progress" or "pathway plan"');
		if (!values.target) throw new UsageError('pathway plan needs --target ID');
		if (!['count', 'hours', 'time'].includes(values.objective!))
			throw new UsageError('--objective is count, hours or time');
		const result = await getPlan(db, {
			held,
			target: values.target,
			objective: values.objective as Objective
		});
		if (values.json) {
			stdout.write(
				JSON.stringify(
					result.ok
						? result.plan
						: {
								target: result.target,
								objective: result.objective,
								error: result.error,
								reasons: result.reasons
							}
				) + '\n'
			);
			return result.ok ? 0 : 1;
		}
		if (!result.ok) {
			stderr.write(
				`No plan completes ${result.target}: ${result.error}\n${result.reasons.map((r) => `  - ${r}\n`).join('')}`
			);
			return 1;
		}
		const p = result.plan;
		const objective = {
			count: 'fewest credentials',
			hours: 'least workload hours',
			time: 'least expected time (median days)'
		}[p.objective];
		stdout.write(
			`To complete ${p.target} (${objective}${p.exact ? ', exact' : ', best found'}): ${p.credentials.length ? p.credentials.join(', ') : 'nothing more — already complete'}\n`
		);
		stdout.write(
			`  ${p.total.count} credential(s)${p.total.hours !== null ? `, ${p.total.hours} hours` : ''}${p.total.days !== null ? `, ${p.total.days} days` : ''}\n`
		);
		return 0;
	}
});
