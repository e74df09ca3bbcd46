// CTDL pathways and programmes from our own fixtures (tests/fixtures/ctdl/README.md).
import { describe, expect, it } from 'vitest';
import { parseCtdl } from '../../../src/lib/server/import/ctdl/parse.ts';
import type { RequirementGroup } from '../../../src/lib/domain/types.ts';
import { collect, fixture, rowsOf } from './helpers.ts';

const parse = (file: string) => collect(parseCtdl({ file, bytes: fixture(`ctdl/${file}`) }));
const AAS = 'https://registry.example/resources/ce-aas-component';

describe('CTDL pathway (compact @graph)', async () => {
	const { units } = await parse('welding-pathway.jsonld');
	const groups = rowsOf(units, 'requirement_groups');
	const credentials = rowsOf(units, 'credentials');
	const byLabel = (label: string) => groups.find((g) => g.label === label) as RequirementGroup;

	it('reads one document as one unit, with warnings for dangling references', () => {
		expect(units).toHaveLength(1);
		expect(units[0].kind).toBe('rows');
		const warnings = units[0].kind === 'rows' ? (units[0].warnings ?? []) : [];
		expect(warnings.map((w) => w.message).join('\n')).toMatch(/ce-not-in-this-file is not described/);
		expect(warnings.map((w) => w.message).join('\n')).toMatch(/\(5 URIs\) is not described/);
	});

	it('maps components and proxied courses onto credentials', () => {
		const aas = credentials.find((c) => c.id === AAS)!;
		expect(aas).toMatchObject({ title: 'Welding Technology AAS', kind: 'macro' });
		const we100 = credentials.find((c) => c.id === 'https://registry.example/resources/ce-course-we100')!;
		expect(we100).toMatchObject({
			title: 'Welding Safety',
			kind: 'unit',
			credits: 3,
			creditSystem: 'SemesterHour',
			participationMode: 'online',
			workloadHours: 45,
			providerId: 'https://registry.example/resources/ce-org'
		});
		expect(credentials.find((c) => c.id === 'res:c2')).toMatchObject({
			title: 'Oxy-fuel Welding',
			credits: 3,
			kind: 'unit'
		});
		expect(rowsOf(units, 'providers')).toEqual([
			expect.objectContaining({ name: 'Example Community College', country: 'US' })
		]);
		// The BasicComponent is structure, not a credential.
		expect(credentials.find((c) => c.id === 'res:pipe-stage')).toBeUndefined();
	});

	it('turns requiredNumber into all / n_of groups on the destination credential', () => {
		expect(byLabel('Core')).toMatchObject({
			targetCredentialId: AAS,
			rule: 'all',
			parentGroupId: null,
			members: ['https://registry.example/resources/ce-course-we100', 'res:c2', 'res:c3']
		});
		expect(byLabel('Option block')).toMatchObject({ rule: 'n_of', n: 1, members: ['res:c4', 'res:c5'] });
	});

	it('drops a dangling member a 1-of rule can do without, and refuses a rule that needs it', () => {
		expect(byLabel('Contextual options')).toMatchObject({ rule: 'n_of', n: 1, members: ['res:c6'] });
		expect(byLabel('General education')).toBeUndefined();
		const aas = credentials.find((c) => c.id === AAS)!;
		expect(aas.unparsed).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^General education: 2 of 2 components — not loaded/),
				expect.stringMatching(/^Core: its constraints/)
			])
		);
	});

	it('nests conditions: an Or of two tracks, one of them a structural component', () => {
		const either = byLabel('Either track');
		expect(either).toMatchObject({ rule: 'n_of', n: 1, members: [], parentGroupId: null });
		expect(byLabel('Fabrication track')).toMatchObject({
			parentGroupId: either.id,
			rule: 'all',
			members: ['res:c8', 'res:c9']
		});
		const pipe = byLabel('Pipe track');
		expect(pipe.parentGroupId).toBe(either.id);
		expect(groups.find((g) => g.parentGroupId === pipe.id)).toMatchObject({
			label: 'Pipe stage',
			rule: 'all',
			members: ['res:c10']
		});
	});

	it('reads a credit value on a condition as min_credits', () => {
		expect(byLabel('Welding credits')).toMatchObject({ rule: 'min_credits', minCredits: 12 });
	});

	it('maps hasPart, requires and isPreparationFor', () => {
		const program = 'https://registry.example/resources/ce-program';
		expect(groups.find((g) => g.targetCredentialId === program)).toMatchObject({
			rule: 'all',
			label: 'hasPart',
			members: ['https://registry.example/resources/ce-course-we100', 'res:c2']
		});
		expect(rowsOf(units, 'prerequisites')).toEqual(
			expect.arrayContaining([
				{ credentialId: program, requiredId: 'https://registry.example/resources/ce-cert-safety' },
				{ credentialId: AAS, requiredId: program }
			])
		);
		expect(credentials.find((c) => c.id === program)!.unparsed).toEqual([
			'requires: Applicants must be 18 or older.'
		]);
	});

	it('gives every group a unique, stable id', async () => {
		expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
		const again = await parse('welding-pathway.jsonld');
		expect(rowsOf(again.units, 'requirement_groups').map((g) => g.id)).toEqual(groups.map((g) => g.id));
	});
});

describe('CTDL expanded form and concatenated documents', () => {
	it('reads expanded JSON-LD (full IRIs, @value arrays, referenced profiles)', async () => {
		const { units } = await parse('expanded.json');
		const credentials = rowsOf(units, 'credentials');
		expect(credentials.find((c) => c.id === 'http://college.example/credentials/cert-data')).toMatchObject({
			title: 'Certificate in Data',
			kind: 'macro'
		});
		expect(credentials.find((c) => c.id === 'http://college.example/courses/d1')).toMatchObject({
			credits: 15,
			creditSystem: 'credits'
		});
		expect(rowsOf(units, 'requirement_groups')[0]).toMatchObject({
			rule: 'all',
			members: ['http://college.example/courses/d1', 'http://college.example/courses/d2']
		});
		expect(rowsOf(units, 'prerequisites')).toEqual([
			{ credentialId: 'http://college.example/courses/d2', requiredId: 'http://college.example/courses/d1' }
		]);
	});

	it('reads each concatenated document as a unit; a broken one is rejected with its line', async () => {
		const { units, refusal } = await parse('concatenated.json');
		expect(refusal).toBeUndefined();
		expect(units.map((u) => u.kind)).toEqual(['rows', 'rejected', 'rows']);
		expect(units[1]).toMatchObject({
			kind: 'rejected',
			at: { line: 7 },
			issues: [expect.objectContaining({ line: 10, message: expect.stringMatching(/not valid JSON/) })]
		});
		// The third document's prerequisite names a course from the first.
		expect(rowsOf([units[2]], 'prerequisites')).toEqual([
			{ credentialId: 'res:course-y', requiredId: 'res:course-x' }
		]);
	});
});
