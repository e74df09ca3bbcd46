import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

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
