// Set overlap for the credentialism watch: Jaccard's coefficient on skills or units, and title
// similarity by trigrams as PostgreSQL's pg_trgm computes it (each word lower-cased, padded with
// two spaces before and one after, cut into three-character pieces; similarity = shared ÷ all
// distinct trigrams). Computed here rather than with pg_trgm, so it needs no extension and the
// same code runs in tests and on any engine.

/** |A ∩ B| ÷ |A ∪ B|; 0 when both are empty (nothing stated is no evidence of overlap). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let shared = 0;
	for (const x of small) if (large.has(x)) shared += 1;
	return shared / (a.size + b.size - shared);
}

/** The trigrams of a text as pg_trgm's `show_trgm` gives them (words of letters and digits). */
export function trigrams(text: string): Set<string> {
	const out = new Set<string>();
	for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
		if (word === '') continue;
		const padded = `  ${word} `;
		for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
	}
	return out;
}

/** pg_trgm's `similarity(a, b)`. */
export const titleSimilarity = (a: string, b: string) => jaccard(trigrams(a), trigrams(b));
