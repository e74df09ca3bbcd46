// `stackwise watch` and `stackwise quality`: the credentialism watch and the providers'
// data-quality cards from the same query layer as /watch and /providers/[id]/quality, as JSON
// (--json: stdout holds only the JSON) or as a short readable summary.
import { ELEMENT_LABELS, QUALITY_ELEMENTS } from '../../domain/watch/index.ts';
import { qualityParams, watchParams } from '../http/watch-params.ts';
import { getQuality } from '../queries/quality.ts';
import { getWatch } from '../queries/watch.ts';
import { UsageError, command } from './args.ts';
import { cliParams } from './schema-args.ts';
import { ANSWER_OPTIONS, suppressionOption } from './metrics.ts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export const watchCommand = command({
	options: {
		'as-of': { type: 'string' },
		data: { type: 'string' },
		...ANSWER_OPTIONS
	},
	positionals: { none: 'watch' },
	run: async ({ values }, { openDb, stdout }) => {
		const params = cliParams(watchParams, { 'as-of': values['as-of'], data: values.data });
		const answer = await getWatch(await openDb(), {
			asOf: params.asOf,
			data: params.data,
			suppression: suppressionOption(values['no-suppression'])
		});
		if (values.json) {
			stdout.write(JSON.stringify(answer) + '\n');
			return 0;
		}
		const { proliferation, overlap, deadEnds, participation } = answer;
		stdout.write(`Credentialism watch (${answer.data} data${answer.asOf ? `, as of ${answer.asOf}` : ''})\n`);
		stdout.write(`\nProliferation: ${proliferation.credentials} credentials\n`);
		for (const b of proliferation.awardBands)
			stdout.write(`  ${b.band.padEnd(30)} ${String(b.credentials).padStart(6)}  ${pct(b.share)}\n`);
		stdout.write(
			`\nOverlap: ${overlap.pairs} pairs in ${overlap.clusters.length} clusters; ` +
				`${overlap.sharedUnits} of ${overlap.unitsInTargets} units count toward two or more targets\n`
		);
		for (const c of overlap.clusters.slice(0, 10))
			stdout.write(
				`  [${c.basis.join(', ')}]${c.stacks ? '' : ' (none stacks)'} ${c.members.map((m) => `${m.id} ${m.title}`).join(' | ')}\n`
			);
		stdout.write(
			`\nDead ends: ${deadEnds.deadEnds.length} (orphans ${deadEnds.orphans}); ` +
				`qualifications nobody completes: ${deadEnds.uncompletedQualifications.length}\n`
		);
		stdout.write(`\nParticipation share (awards for credentials stating no assessment):\n`);
		for (const r of participation)
			stdout.write(
				`  ${r.period} ${r.group.padEnd(20)} ${r.suppressed ? `withheld (${r.suppressed})` : `${pct(r.share)} of ${r.awards}`}\n`
			);
		return 0;
	}
});

export const qualityCommand = command({
	options: {
		provider: { type: 'string' },
		...ANSWER_OPTIONS
	},
	positionals: { none: 'quality' },
	run: async ({ values }, { openDb, stdout }) => {
		const params = cliParams(qualityParams, { provider: values.provider });
		const cards = await getQuality(await openDb(), {
			providerId: params.provider,
			suppression: suppressionOption(values['no-suppression'])
		});
		if (params.provider && cards.length === 0)
			throw new UsageError(`--provider: no provider "${params.provider}"`);
		if (values.json) {
			stdout.write(JSON.stringify(cards) + '\n');
			return 0;
		}
		for (const q of cards) {
			const { card } = q;
			stdout.write(
				`${q.provider.name} (${q.provider.id}): ${card.credentials} credentials, ${card.stubs} stubs\n`
			);
			for (const e of QUALITY_ELEMENTS)
				stdout.write(`  ${ELEMENT_LABELS[e].padEnd(34)} ${pct(card.shares[e])}\n`);
			stdout.write(
				`  stacking rules: ${card.rulesParsed} machine-readable, ${card.rulesUnparsed} left unparsed\n` +
					`  awards verified: ${q.suppressed ? `withheld (${q.suppressed})` : `${pct(q.verifiedShare)} of ${q.awards}`}\n` +
					`  last import: ${q.lastImportAt ?? 'none recorded'}${q.daysSinceImport === null ? '' : ` (${q.daysSinceImport} days ago)`}\n`
			);
			if (params.provider)
				for (const f of card.fixes)
					stdout.write(
						`  fix ${f.credentialId}${f.stub ? ' (stub)' : ''}: add ${f.missing.map((m) => ELEMENT_LABELS[m]).join(', ')}\n`
					);
		}
		return 0;
	}
});
