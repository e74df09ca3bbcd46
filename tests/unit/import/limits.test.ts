// JSON limits: absurdly deep or large documents are refused cleanly, before JSON.parse sees them.
import { describe, expect, it } from 'vitest';
import { parseJsonLimited, splitJsonDocuments } from '../../../src/lib/server/import/json/limits.ts';
import { ImportRefusal } from '../../../src/lib/server/import/records.ts';
import { parseCsv, readCsvFile } from '../../../src/lib/server/import/csv.ts';
import { FIELD_LIMIT_CHARS } from '../../../src/lib/server/import/limits.ts';
import { bufferSource } from '../../../src/lib/server/import/source.ts';
import { parseOpenBadges } from '../../../src/lib/server/import/openbadges/parse.ts';
import { parseCtdl } from '../../../src/lib/server/import/ctdl/parse.ts';
import { parseElm } from '../../../src/lib/server/import/elm/parse.ts';
import { collect } from './helpers.ts';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('JSON limits', () => {
	it('refuses nesting beyond the depth limit, even 100,000 deep', () => {
		expect(() => parseJsonLimited(deep(200), 'f.json')).toThrow(/nested deeper than 128/);
		expect(() => parseJsonLimited(deep(100_000), 'f.json')).toThrow(ImportRefusal);
		expect(parseJsonLimited(deep(100), 'f.json')).toBeDefined();
	});
	it('refuses a document above the size limit', () => {
		expect(() =>
			parseJsonLimited('{"a":"' + 'x'.repeat(2000) + '"}', 'f.json', { maxChars: 1000, maxDepth: 10 })
		).toThrow(/above the limit of 1000/);
	});
	it('refuses truncated JSON and stray text, naming the line', () => {
		expect(() => parseJsonLimited('{\n"a": [1, 2', 'f.json')).toThrow(/truncated/);
		try {
			parseJsonLimited('{}\n\nhello', 'f.json');
			expect.unreachable();
		} catch (e) {
			expect((e as ImportRefusal).issues[0]).toMatchObject({ line: 3 });
		}
	});
	it('splits concatenated documents, ignoring braces inside strings', () => {
		const parts = splitJsonDocuments('{"a":"}{"}\n{"b":[1,{"c":"]"}]}\n', 'f.json');
		expect(parts.map((p) => JSON.parse(p.text))).toEqual([{ a: '}{' }, { b: [1, { c: ']' }] }]);
		expect(parts[1].line).toBe(2);
	});
	it('every parser refuses a too-deep document with an ImportRefusal', async () => {
		const bytes = new TextEncoder().encode('{"a":' + deep(5000) + '}');
		for (const parse of [
			() => parseOpenBadges({ file: 'd.json', bytes }),
			() => parseElm({ file: 'd.json', bytes }),
			() => parseCtdl({ file: 'd.json', bytes })
		]) {
			const result = await collect(parse());
			expect(result.refusal?.message).toMatch(/nested deeper/);
		}
	});
});

// A one-row CSV with a 50 MB field was stored (peak 1.96 GB); a 200 MB field
// ran the CLI out of memory. Fields and rows have limits, checked while the text streams.
describe('CSV size limits', () => {
	const chunked = async function* (parts: string[]) {
		yield* parts;
	};
	const drain = async (parts: string[]) => {
		const records = [];
		for await (const record of parseCsv(chunked(parts), { file: 'big.csv' })) records.push(record);
		return records;
	};
	const refusal = async (parts: string[]) => {
		try {
			await drain(parts);
		} catch (e) {
			if (e instanceof ImportRefusal) return e.issues[0];
			throw e;
		}
		expect.unreachable('the file was taken');
	};

	it('refuses a field past the limit while it streams, naming the line', async () => {
		const huge = 'x'.repeat(64 * 1024);
		const parts = [
			'id,name\nok,fine\nbig,',
			...Array(Math.ceil(FIELD_LIMIT_CHARS / huge.length) + 1).fill(huge)
		];
		const issue = await refusal(parts);
		expect(issue).toMatchObject({ file: 'big.csv', line: 3 });
		expect(issue.message).toMatch(/field 2 is longer than the limit of 1,048,576 characters/);
	});

	it('refuses a quoted field past the limit too, and a row whose fields add up past the row limit', async () => {
		const quoted = await refusal(['a\n"', 'y'.repeat(FIELD_LIMIT_CHARS + 1)]);
		expect(quoted).toMatchObject({ line: 2 });
		const field = 'z'.repeat(FIELD_LIMIT_CHARS - 10);
		const row = await refusal(['a,b,c,d,e\n', Array(5).fill(field).join(','), '\n']);
		expect(row).toMatchObject({ line: 2 });
		expect(row.message).toMatch(/row is longer than the limit of 4,194,304 characters/);
	});

	it('takes a field just under the limit', async () => {
		const records = await drain(['id,name\n', 'a,', 'n'.repeat(FIELD_LIMIT_CHARS), '\n']);
		expect(records[1].fields[1]).toHaveLength(FIELD_LIMIT_CHARS);
	});

	it('names the column once the header is known (readCsvFile)', async () => {
		const text = 'id,name,region\nr1,x,' + 'r'.repeat(FIELD_LIMIT_CHARS + 5) + '\n';
		try {
			for await (const _ of readCsvFile(bufferSource('learners.csv', Buffer.from(text)))) {
				// drained
			}
			expect.unreachable('the file was taken');
		} catch (e) {
			expect((e as ImportRefusal).issues[0]).toMatchObject({
				file: 'learners.csv',
				line: 2,
				field: 'region'
			});
		}
	});
});
