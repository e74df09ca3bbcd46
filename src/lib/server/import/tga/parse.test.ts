// One test per vendored qualification: the imported counts must match its packaging-rules text.
// Each expectation below was written from reading the release's own text (quoted in the comments),
// not from the parser's output.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../records.ts';
import { aqfLevel, parseTgaRelease, tgaUnits, type TgaRelease } from './parse.ts';

const dir = fileURLToPath(new URL('../../../../../data/tga/xml/', import.meta.url));
const read = (code: string) =>
	parseTgaRelease(readFileSync(`${dir}${code}_XML.xml`, 'utf8'), `${code}_XML.xml`);

type Expected = {
	level: string;
	total: number;
	core: number;
	electives: number;
	/** Group id suffix → n (n_of) or 'all' with member count. */
	groups: Record<string, number | { all: number }>;
	/** Number of elective units listed (distinct). */
	listed?: number;
	imports?: number[];
	prerequisites?: number;
	/** Each entry: a fragment of an unparsed sentence and a fragment of its reason. */
	unparsed?: Array<[string, RegExp]>;
};

const EXPECTED: Record<string, Expected> = {
	// "Total number of units = 36 / 9 core units, plus 27 elective units, of which: all units in one of
	// the Specialist Elective Groups A to C must be chosen … up to 6 may be from a Certificate II …"
	AUR31220: {
		level: '3',
		total: 36,
		core: 9,
		electives: 27,
		listed: 103,
		imports: [6],
		prerequisites: 1,
		groups: {
			core: { all: 9 },
			electives: 27,
			'one-of-a-b-c': 1,
			'one-of-a-b-c/a': { all: 13 },
			'one-of-a-b-c/b': { all: 9 },
			'one-of-a-b-c/c': { all: 11 }
		}
	},
	// "11 units of competency: 8 core units, 3 elective units … up to 3 units from the elective units
	// below; one unit from Certificate I or II qualifications …" — the "one unit" reads as required.
	CPC10120: {
		level: '1',
		total: 11,
		core: 8,
		electives: 3,
		listed: 7,
		imports: [],
		groups: { core: { all: 8 }, electives: 3 },
		unparsed: [['one unit from Certificate I or II', /required or allowed/]]
	},
	// "34 units: 27 core units, 7 electives; a minimum of five units must be selected from Group A;
	// the remaining can be selected from Group A or Group B; a maximum of two units … any … training package"
	CPC30220: {
		level: '3',
		total: 34,
		core: 27,
		electives: 7,
		listed: 33,
		imports: [2],
		groups: { core: { all: 27 }, electives: 7, 'min-group-a': 5 }
	},
	// "22 units: 17 core, 5 elective; 3 units must be selected from Group A; the remaining 2 … from Group
	// A and/or Group B or from any currently endorsed Training Package …"
	CPC30320: {
		level: '3',
		total: 22,
		core: 17,
		electives: 5,
		listed: 20,
		imports: [2],
		groups: { core: { all: 17 }, electives: 5, 'min-group-a': 3 }
	},
	// "20 units: 11 core, 9 elective … from any of the groups listed below. Two … from any training package"
	CPC30420: {
		level: '3',
		total: 20,
		core: 11,
		electives: 9,
		listed: 26,
		imports: [2],
		groups: { core: { all: 11 }, electives: 9 }
	},
	// "23 units: 16 core, 7 elective; 1 unit must be selected from the Group A list; at least 4 … from the
	// remaining Group A list … or Group B list; up to 2 … from any current training package"
	CPC32920: {
		level: '3',
		total: 23,
		core: 16,
		electives: 7,
		listed: 15,
		imports: [2],
		groups: { core: { all: 16 }, electives: 7, 'min-group-a': 1 }
	},
	// "19 units: 11 core, 8 elective. Builder: All Group A elective units, up to two from Group B or
	// general … Site Manager: All Group B electives, up to four from Group A or general …"
	CPC40120: {
		level: '4',
		total: 19,
		core: 11,
		electives: 8,
		listed: 32,
		imports: [1, 1],
		prerequisites: 2,
		groups: {
			core: { all: 11 },
			electives: 8,
			pathway: 1,
			'pathway/builder/all-group-a': { all: 6 },
			'pathway/site-manager/all-group-b': { all: 4 }
		}
	},
	// "15 units: 8 core, 7 elective; all 7 … from the electives below; up to 2 from any training package"
	CPC41020: {
		level: '4',
		total: 15,
		core: 8,
		electives: 7,
		listed: 22,
		imports: [2],
		groups: { core: { all: 8 }, electives: 7 }
	},
	// "14 units of competency: 14 core units of competency."
	CPP20218: {
		level: '2',
		total: 14,
		core: 14,
		electives: 0,
		listed: 0,
		imports: [],
		groups: { core: { all: 14 } }
	},
	// "14 units: 8 core, 6 elective; a minimum of 4 … from the elective units listed below; up to 2 …
	// from the elective units listed below, or elsewhere …" (the minimum is implied by 6 from the list)
	CPP31418: {
		level: '3',
		total: 14,
		core: 8,
		electives: 6,
		listed: 19,
		imports: [2],
		groups: { core: { all: 8 }, electives: 6 }
	},
	// "10 units … 7 core and 3 elective … all three units from the electives listed below, or two units …
	// plus one unit selected from: the CPP50921 …, or any current AQF level 4 qualification …"
	CPP40121: {
		level: '4',
		total: 10,
		core: 7,
		electives: 3,
		listed: 7,
		imports: [],
		groups: { core: { all: 7 }, electives: 3 },
		unparsed: [
			['all three units from the electives listed below, or', /alternative/],
			['two units from the electives listed below, plus one unit', /not a phrasing/],
			['CPP50921', /required or allowed/],
			['any current AQF level 4 qualification', /required or allowed/]
		]
	},
	// "14 units: 4 core, 10 elective. Cleaning Management: a minimum of 5 units from Group A, an
	// additional 5 from A, B and/or C. Specialty Cleaning and Restoration: a minimum of 5 from Group B …"
	CPP40421: {
		level: '4',
		total: 14,
		core: 4,
		electives: 10,
		listed: 36,
		imports: [2, 2],
		prerequisites: 3,
		groups: {
			core: { all: 4 },
			electives: 10,
			pathway: 1,
			'pathway/cleaning-management/min-group-a': 5,
			'pathway/specialty-cleaning-and-restoration/min-group-b': 5
		}
	},
	// "14 units = 6 core + 8 elective: up to 8 from Group A, or Group B, and/or Group C; up to 5 from
	// Group D; up to 2 from any …" — the first line is ambiguous; "up to 5 from D" = at least 3 from A–C.
	ICT30419: {
		level: '3',
		total: 14,
		core: 6,
		electives: 8,
		listed: 57,
		imports: [2],
		prerequisites: 10,
		groups: { core: { all: 6 }, electives: 8, 'outside-group-d': 3 },
		unparsed: [
			['up to 8 units from Group A Copper Cabling', /"or" and "and\/or" mixed/],
			['ICTWHS201 Provide telecommunications services safely on roofs OR RIIWHS204D', /alternative units/],
			['ICTWHS205 Work safely near power infrastructure', /alternative units/],
			['Select the following 5 elective units:', /Technician Hybrid Fibre Coaxial/]
		]
	},
	// "18 = 5 core + 13 elective: at least 9 from the list below, with a maximum of 1 unit from Group A;
	// up to 4 units from any endorsed Training Package" → from the list alone, at least 12 outside A.
	MSM30325: {
		level: '3',
		total: 18,
		core: 5,
		electives: 13,
		listed: 59,
		imports: [4],
		groups: { core: { all: 5 }, electives: 13, 'outside-group-a': 12 }
	},
	// "9 = 4 core + 5 elective: at least three (3) from Group A, no more than two (2) from Group B, no
	// more than one (1) from elsewhere" (the Group B maximum is implied)
	RII20120: {
		level: '2',
		total: 9,
		core: 4,
		electives: 5,
		listed: 27,
		imports: [1],
		groups: { core: { all: 4 }, electives: 5, 'min-group-a': 3 }
	},
	// "9 = 4 + 5: at least 1 from Group A, at least 2 from Group B, no more than 2 from Group C, no more
	// than 2 from elsewhere" (the Group C maximum is implied by 1 + 2 from A and B)
	RII20220: {
		level: '2',
		total: 9,
		core: 4,
		electives: 5,
		listed: 52,
		imports: [2],
		groups: { core: { all: 4 }, electives: 5, 'min-group-a': 1, 'min-group-b': 2 }
	},
	// "12 = 8 + 4: at least one (1) from Group A, no more than three (3) from Group B, no more than one (1) elsewhere"
	RII20920: {
		level: '2',
		total: 12,
		core: 8,
		electives: 4,
		listed: 37,
		imports: [1],
		groups: { core: { all: 8 }, electives: 4, 'min-group-a': 1 }
	},
	// "13 = 3 + 10: 1 must be from Group A, 1 must be from Group B, at least 3 from Group C, no more than
	// 3 from Group D, no more than 2 from elsewhere" — "1 must be" is exactly one (contrast "at least 3").
	RII30120: {
		level: '3',
		total: 13,
		core: 3,
		electives: 10,
		listed: 110,
		imports: [2],
		prerequisites: 2,
		groups: {
			core: { all: 3 },
			electives: 10,
			'min-group-a': 1,
			'min-group-b': 1,
			'min-group-c': 3,
			// Maximums as Hall's condition: at least 10 − Σ max outside every combination of A, B, D.
			'outside-group-a': 9,
			'outside-group-b': 9,
			'outside-group-d': 7,
			'outside-group-a-group-b': 8,
			'outside-group-a-group-d': 6,
			'outside-group-b-group-d': 6,
			'outside-group-a-group-b-group-d': 5
		}
	},
	// "14 = 5 + 9: at least one (1) from Group A, at least five (5) from Group B, of which at least two (2)
	// must be coded RIIERR, at least one (1) from Group C, up to two (2) … elsewhere"
	RII30719: {
		level: '3',
		total: 14,
		core: 5,
		electives: 9,
		listed: 27,
		imports: [2],
		prerequisites: 18,
		groups: {
			core: { all: 5 },
			electives: 9,
			'min-group-a': 1,
			'min-group-b': 5,
			'min-riierr': 2,
			'min-group-c': 1
		}
	},
	// "20 = 15 + 5: at least 1 from A, at least 2 from B, no more than 2 from C … OR at least 2 from A,
	// a further 3 from A, B or C"
	RII30820: {
		level: '3',
		total: 20,
		core: 15,
		electives: 5,
		listed: 50,
		imports: [1, 1],
		prerequisites: 1,
		groups: {
			core: { all: 15 },
			electives: 5,
			pathway: 1,
			'pathway/option-1/min-group-a': 1,
			'pathway/option-1/min-group-b': 2,
			'pathway/option-2/min-group-a': 2
		}
	},
	// "26 = 15 + 11: at least five (5) from Group A, of which at least (2) foundation work (RIICFW); no more
	// than five (5) from Group B; no more than one (1) elsewhere" → from the list, at least 6 outside B.
	RII31220: {
		level: '3',
		total: 26,
		core: 15,
		electives: 11,
		listed: 30,
		imports: [1],
		groups: { core: { all: 15 }, electives: 11, 'min-group-a': 5, 'min-riicfw': 2, 'outside-group-b': 6 }
	},
	// "13 = 4 + 9: 1 must be from Group A, at least 2 from B, no more than 4 from C, no more than 1 from D,
	// no more than 2 elsewhere"
	RII40120: {
		level: '4',
		total: 13,
		core: 4,
		electives: 9,
		listed: 58,
		imports: [2],
		groups: {
			core: { all: 4 },
			electives: 9,
			'min-group-a': 1,
			'min-group-b': 2,
			'outside-group-a': 8,
			'outside-group-c': 5,
			'outside-group-d': 8,
			'outside-group-a-group-c': 4,
			'outside-group-a-group-d': 7,
			'outside-group-c-group-d': 4,
			'outside-group-a-group-c-group-d': 3
		}
	},
	// "one (1) specialisation must be met. Supervision: 12 = 5 + 7, at least 3 from A, at least 2 from B.
	// Operations: 12 = 5 + 7, at least 2 from A, at least 3 from B."
	RII40720: {
		level: '4',
		total: 12,
		core: 5,
		electives: 7,
		listed: 91,
		imports: [2, 2],
		prerequisites: 5,
		groups: {
			core: { all: 5 },
			electives: 7,
			pathway: 1,
			'pathway/supervision/min-group-a': 3,
			'pathway/supervision/min-group-b': 2,
			'pathway/operations/min-group-a': 2,
			'pathway/operations/min-group-b': 3
		}
	},
	// "A total of 15 units: 5 core, plus 1 driver awareness elective unit, plus 9 general elective units.
	// Up to 3 of the elective units may be selected from any … Training Package"
	TLI31222: {
		level: '3',
		total: 15,
		core: 5,
		electives: 10,
		listed: 148,
		imports: [3],
		prerequisites: 1,
		groups: {
			core: { all: 5 },
			electives: 10,
			'min-driver-awareness-electives': 1,
			'min-general-electives': 9
		}
	},
	// "A total of 12 units: 4 core, plus 4 gas elective units from Group A, plus 2 imported elective units
	// from Group B, and the remaining 2 … from Group A or Group B or … any endorsed Training Package"
	UEG20122: {
		level: '2',
		total: 12,
		core: 4,
		electives: 8,
		listed: 48,
		imports: [2],
		groups: { core: { all: 4 }, electives: 8, 'min-group-a': 4, 'min-group-b': 2 }
	}
};

describe('parseTgaRelease on the vendored training.gov.au releases', () => {
	it('has an expectation for every vendored file', () => {
		const codes = readdirSync(dir)
			.map((f) => f.replace(/_XML\.xml$/, ''))
			.sort();
		expect(codes).toEqual(Object.keys(EXPECTED).sort());
	});

	for (const [code, want] of Object.entries(EXPECTED)) {
		it(`${code}: counts match the packaging rules`, () => {
			const r = read(code);
			expect(r.qualification).toMatchObject({
				id: code,
				kind: 'macro',
				levelFramework: 'AQF',
				level: want.level
			});
			expect(r.counts).toEqual({ total: want.total, core: want.core, electives: want.electives });
			const byId = new Map(r.groups.map((g) => [g.id.slice(code.length + 1), g]));
			for (const [suffix, n] of Object.entries(want.groups)) {
				const g = byId.get(suffix);
				expect(g, `${code}/${suffix}`).toBeDefined();
				if (typeof n === 'number')
					expect({ id: g!.id, rule: g!.rule, n: g!.n }).toEqual({ id: g!.id, rule: 'n_of', n });
				else
					expect({ id: g!.id, rule: g!.rule, members: g!.members.length }).toEqual({
						id: g!.id,
						rule: 'all',
						members: n.all
					});
			}
			// No group beyond the expected ones (branch containers excepted).
			const extra = [...byId.keys()].filter((k) => !(k in want.groups) && !/^pathway\/[^/]+$/.test(k));
			expect(extra).toEqual([]);
			const core = r.groups.find((g) => g.id === `${code}/core`)!;
			expect(core.members).toHaveLength(want.core);
			if (want.listed !== undefined) {
				const electives = r.groups.find((g) => g.id === `${code}/electives`);
				expect(electives?.members.length ?? 0).toBe(want.listed);
			}
			if (want.imports) expect(r.imports.map((i) => i.max)).toEqual(want.imports);
			expect(r.prerequisites).toHaveLength(want.prerequisites ?? 0);
			expectUnparsed(r, want.unparsed ?? []);
		});
	}
});

function expectUnparsed(r: TgaRelease, want: Array<[string, RegExp]>) {
	expect(r.unparsed).toHaveLength(want.length);
	want.forEach(([fragment, reason], i) => {
		expect(r.unparsed[i]).toContain(fragment);
		expect(r.unparsedReasons[i]).toMatch(reason);
	});
	expect(r.qualification.unparsed?.length ?? 0).toBe(want.length);
}

describe('parseTgaRelease details', () => {
	it('refuses a document whose closing tag does not match its opening one, naming the line', () => {
		const xml = readFileSync(`${dir}/AUR31220_XML.xml`, 'utf8');
		// A real release with one paragraph closed by the wrong tag: the parser alone accepted it.
		const at = xml.indexOf('</p>');
		const broken = `${xml.slice(0, at)}</td>${xml.slice(at + 4)}`;
		const line = xml.slice(0, at).split('\n').length;
		expect(() => parseTgaRelease(broken, 'AUR31220.xml')).toThrow(ImportRefusal);
		try {
			parseTgaRelease(broken, 'AUR31220.xml');
		} catch (e) {
			expect((e as ImportRefusal).issues).toEqual([
				{
					file: 'AUR31220.xml',
					message: expect.stringMatching(new RegExp(`^tga: not well-formed XML \\(line ${line}: .*'p'`))
				}
			]);
		}
	});

	it('names prerequisites from tables, footnotes and ∟ marks, and adds units listed only as prerequisites', () => {
		const aur = read('AUR31220');
		expect(aur.prerequisites).toEqual([{ credentialId: 'AURETH002', requiredId: 'AURETH001' }]);
		expect(aur.units.find((u) => u.id === 'AURETH001')).toMatchObject({
			kind: 'unit',
			title: 'Depower and reinitialise battery electric vehicles'
		});
		expect(read('CPP40421').prerequisites).toEqual(
			expect.arrayContaining([
				{ credentialId: 'CPCCCM2012', requiredId: 'CPCCWHS1001' },
				{ credentialId: 'MSMPER205', requiredId: 'MSMPER200' },
				{ credentialId: 'PUAWHS002', requiredId: 'PUAFIR210' }
			])
		);
		expect(read('TLI31222').prerequisites).toEqual([
			{ credentialId: 'CPCCON3054', requiredId: 'CPCCWHS2001' }
		]);
		const rescue = read('RII30719').prerequisites.filter((p) => p.credentialId === 'PUASAR024');
		expect(rescue.map((p) => p.requiredId).sort()).toEqual(['HLTAID011', 'PUASAR022']);
	});
	it('keeps asterisked units whose prerequisite the document does not name apart', () => {
		expect(read('CPC30220').unnamedPrerequisites).toContain('CPCCCA2002');
		expect(read('CPC30220').prerequisites).toEqual([]);
	});
	it('reads units with titles and kind unit', () => {
		const r = read('CPC30220');
		expect(r.units.find((u) => u.id === 'CPCCCA2002')).toMatchObject({
			kind: 'unit',
			title: 'Use carpentry tools and equipment',
			origin: 'real'
		});
		expect(r.qualification.title).toBe('Certificate III in Carpentry');
		expect(r.release).toBe('6');
	});
	it('lists optional specialisations apart from the requirement groups', () => {
		expect(read('MSM30325').specialisations).toEqual([
			expect.objectContaining({ name: 'Precast Concrete', rule: 'n_of', n: 4 })
		]);
		expect(read('ICT30419').specialisations.map((s) => s.name)).toEqual([
			'Copper Cable Jointer',
			'Fibre Splicer',
			'Technician Fibre',
			'Telecommunications Customer Service Technician – HFC Technician'
		]);
	});
	it('refuses what is not a release document', () => {
		expect(() => parseTgaRelease('<a><b></a>', 'x.xml')).toThrow(ImportRefusal);
		expect(() => parseTgaRelease('<root/>', 'x.xml')).toThrow(/tga: not an AuthorIT/);
	});
	it('yields one unit per file through the import contract', () => {
		const units = [
			...tgaUnits({ xml: readFileSync(`${dir}CPC30320_XML.xml`, 'utf8'), file: 'CPC30320_XML.xml' })
		];
		expect(units).toHaveLength(1);
		expect(units[0].kind).toBe('rows');
		if (units[0].kind === 'rows') {
			const tables = units[0].rows.map((r) => r.table);
			expect(tables.filter((t) => t === 'requirement_groups')).toHaveLength(3);
			expect(tables.filter((t) => t === 'credentials')).toHaveLength(1 + 37);
		}
		expect([...tgaUnits({ xml: 'not xml', file: 'bad.xml' })][0]).toMatchObject({
			kind: 'rejected',
			at: { file: 'bad.xml' }
		});
	});
	it('reads the AQF level from the title and checks it against the code', () => {
		expect(aqfLevel({ code: 'BSB41419', title: 'Certificate IV in Work Health and Safety' })).toBe('4');
		expect(aqfLevel({ code: 'BSB50120', title: 'Diploma of Business' })).toBe('5');
		expect(aqfLevel({ code: 'BSB41419', title: 'Certificate II in Something' })).toBeNull();
	});
});
