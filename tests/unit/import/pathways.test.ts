// Pathways in the forms institutions keep them: a Badgr pathway export and Credential Engine's
// bulk-upload CSV of the same (made-up) pathway give the same requirement tree, nested groups
// nested, optional elements left out, and bad input rejected naming the line or path and field.
import { describe, expect, it } from 'vitest';
import type { RequirementGroup } from '../../../src/lib/domain/types.ts';
import { parseBadgrPathway } from '../../../src/lib/server/import/pathways/badgr.ts';
import { parsePathwayCsv } from '../../../src/lib/server/import/pathways/ce-csv.ts';
import { comparableTrees } from '../../../src/lib/server/import/pathways/tree.ts';
import { collect, fixture, rowsOf } from './helpers.ts';

const BADGE = 'https://badges.example.org/public/badges/';
const badgr = (bytes = fixture('pathways/data-literacy.badgr.json')) =>
	collect(parseBadgrPathway({ file: 'data-literacy.badgr.json', bytes }));
const csv = (bytes = fixture('pathways/data-literacy.ce.csv')) =>
	collect(parsePathwayCsv({ file: 'data-literacy.ce.csv', bytes }));
const text = (s: string) => new TextEncoder().encode(s);

describe('the Data Literacy pathway from Badgr and from the bulk-upload CSV', () => {
	it('gives one pathway unit each, and the same requirement tree', async () => {
		const [fromBadgr, fromCsv] = [await badgr(), await csv()];
		expect(fromBadgr.units.map((u) => u.kind)).toEqual(['rows']);
		expect(fromCsv.units.map((u) => u.kind)).toEqual(['rows']);
		const trees = comparableTrees(rowsOf(fromBadgr.units, 'requirement_groups'));
		expect(comparableTrees(rowsOf(fromCsv.units, 'requirement_groups'))).toEqual(trees);
		// The rows themselves agree too (ids depend on target and names only): importing the other
		// form of a pathway changes nothing.
		const sorted = (groups: RequirementGroup[]) => [...groups].sort((a, b) => a.id.localeCompare(b.id));
		expect(sorted(rowsOf(fromCsv.units, 'requirement_groups'))).toEqual(
			sorted(rowsOf(fromBadgr.units, 'requirement_groups'))
		);
	});

	it('makes the completion badge the qualification, and each skill badge a credential with its own groups', async () => {
		const { units } = await badgr();
		const groups = rowsOf(units, 'requirement_groups');
		const trees = comparableTrees(groups);
		expect(Object.keys(trees)).toEqual([
			`${BADGE}communicating-data`,
			`${BADGE}data-literacy`,
			`${BADGE}working-with-data`
		]);
		// The optional "Extension: Data Ethics" (requiredForParentCompletion false) is not required.
		expect(trees[`${BADGE}data-literacy`]).toEqual([
			{
				label: null,
				rule: 'all 2',
				members: [`${BADGE}communicating-data`, `${BADGE}working-with-data`],
				children: []
			}
		]);
		expect(trees[`${BADGE}working-with-data`]).toEqual([
			{
				label: null,
				rule: '2 of 3',
				members: [],
				children: [
					{
						label: 'Spreadsheets',
						rule: '1 of 2',
						members: [`${BADGE}formulas`, `${BADGE}pivot-tables`],
						children: []
					},
					{
						label: 'Statistics',
						rule: 'all 2',
						members: [`${BADGE}averages`, `${BADGE}sampling`],
						children: []
					},
					{
						label: 'Visualisation',
						rule: '2 of 3',
						members: [`${BADGE}charts`, `${BADGE}dashboards`, `${BADGE}maps`],
						children: []
					}
				]
			}
		]);
		const credentials = rowsOf(units, 'credentials');
		expect(credentials.find((c) => c.id === `${BADGE}data-literacy`)).toMatchObject({
			kind: 'macro',
			title: 'Data Literacy Pathway'
		});
		expect(credentials.find((c) => c.id === `${BADGE}working-with-data`)).toMatchObject({
			kind: 'micro',
			title: 'Working with Data'
		});
	});

	it('stores a badge Badgr knows only by URL as a mention, never over a name the CSV gives', async () => {
		const fromBadgr = (await badgr()).units[0];
		const fromCsv = (await csv()).units[0];
		const mention = (u: typeof fromBadgr, id: string) =>
			u.kind === 'rows' ? u.rows.find((r) => r.table === 'credentials' && r.row.id === id) : undefined;
		expect(mention(fromBadgr, `${BADGE}formulas`)).toMatchObject({
			mentioned: true,
			row: { title: `${BADGE}formulas` }
		});
		expect(mention(fromCsv, `${BADGE}formulas`)).toMatchObject({ row: { title: 'Formulas' } });
		expect(mention(fromCsv, `${BADGE}formulas`)?.mentioned).toBeUndefined();
		expect(mention(fromCsv, `${BADGE}pivot-tables`)?.row).toMatchObject({
			description: 'Summarising a table\nby its categories.'
		});
	});
});

describe('bad pathway input', () => {
	it('rejects a Badgr count rule it cannot read, naming the path and field', async () => {
		const doc = JSON.parse(new TextDecoder().decode(fixture('pathways/data-literacy.badgr.json')));
		delete doc.children[0].requirements.childElementRequirements.countRule.requiredCount;
		doc.children[1].children[0].requirements.badgeRequirements.countRule = { '@type': 'atMostN' };
		const { units } = await badgr(text(JSON.stringify(doc)));
		expect(units).toHaveLength(1);
		expect(units[0].kind === 'rejected' && units[0].issues).toEqual([
			expect.objectContaining({
				path: '$.children[0].requirements.childElementRequirements.countRule',
				field: 'requiredCount'
			}),
			expect.objectContaining({
				path: '$.children[1].children[0].requirements.badgeRequirements.countRule',
				field: '@type',
				message: expect.stringContaining('"atMostN"')
			})
		]);
	});

	it('rejects a CSV pathway whose condition or reference is broken, naming line and column', async () => {
		const original = new TextDecoder().decode(fixture('pathways/data-literacy.ce.csv'));
		const broken = original
			.replace('Requires 2 of 3 items.,,,,,,,,,2,', 'Requires 2 of 3 items.,,,,,,,,,two,')
			.replace(
				'ce-0b0c4e5a-0000-4000-8000-000000000019,CredentialComponent',
				'ce-0b0c4e5a-0000-4000-8000-000000000099,CredentialComponent'
			);
		const { units } = await csv(text(broken));
		expect(units[0].kind).toBe('rejected');
		expect(units[0].kind === 'rejected' && units[0].issues).toEqual([
			{
				file: 'data-literacy.ce.csv',
				line: 15,
				field: 'required Number',
				message: '"two" is not a whole number'
			},
			expect.objectContaining({
				line: 23,
				field: 'target Component',
				message: expect.stringContaining('000000000019 is not a component row')
			})
		]);
	});

	it('refuses a CSV with no Pathway row, and reads header spellings alike', async () => {
		const original = new TextDecoder().decode(fixture('pathways/data-literacy.ce.csv'));
		const { refusal } = await csv(
			text(
				original
					.split('\r\n')
					.filter((l) => !l.startsWith('Pathway_0'))
					.join('\r\n')
			)
		);
		expect(refusal?.issues[0].message).toContain('no Pathway row');
		const camel = original.replace(
			'Has Child,has Condition,required Number,target Component',
			'hasChild,hasCondition,requiredNumber,targetComponent'
		);
		const { units } = await csv(text(camel));
		expect(comparableTrees(rowsOf(units, 'requirement_groups'))).toEqual(
			comparableTrees(rowsOf((await csv()).units, 'requirement_groups'))
		);
	});
});
