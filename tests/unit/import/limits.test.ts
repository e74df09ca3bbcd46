// JSON limits: absurdly deep or large documents are refused cleanly, before JSON.parse sees them.
import { describe, expect, it } from 'vitest';
import { parseJsonLimited, splitJsonDocuments } from '../../../src/lib/server/import/json/limits.ts';
import { ImportRefusal } from '../../../src/lib/server/import/records.ts';
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
