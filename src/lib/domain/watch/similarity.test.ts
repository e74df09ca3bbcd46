import { describe, expect, it } from 'vitest';
import { jaccard, titleSimilarity, trigrams } from './similarity.ts';

describe('jaccard', () => {
	it('is shared over all distinct members', () => {
		expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(2 / 4);
		expect(jaccard(new Set(['a']), new Set(['a']))).toBe(1);
		expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
	});
	it('is 0 when neither set states anything', () => {
		expect(jaccard(new Set(), new Set())).toBe(0);
	});
});

describe('trigrams (as pg_trgm)', () => {
	it('pads each word with two spaces before and one after', () => {
		// select show_trgm('Cat') → {"  c"," ca","at ",cat}
		expect([...trigrams('Cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
	});
	it('splits on anything but letters and digits', () => {
		expect(trigrams('a-b')).toEqual(new Set(['  a', ' a ', '  b', ' b ']));
	});
	it('gives pg_trgm similarity: word and words share 4 of 7', () => {
		// select similarity('word', 'words') → 0.5714286 (4 shared of 7)
		expect(titleSimilarity('word', 'words')).toBeCloseTo(4 / 7, 6);
		expect(titleSimilarity('Certificate III in Plumbing', 'certificate iii in plumbing')).toBe(1);
	});
});
