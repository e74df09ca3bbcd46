// Property tests: mangled input to every parser ends in a clean outcome — an ImportRefusal for
// the whole file, or units (rows or rejections with reasons) — never an uncaught TypeError.
// Seeded, so a failure reproduces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportRefusal, type ParsedUnit } from '../../../src/lib/server/import/records.ts';
import { parseOpenBadges } from '../../../src/lib/server/import/openbadges/parse.ts';
import { parseElm } from '../../../src/lib/server/import/elm/parse.ts';
import { parseCtdl } from '../../../src/lib/server/import/ctdl/parse.ts';
import { detectFormat } from '../../../src/lib/server/import/detect.ts';
import { fixture, NOW, openBadgesResolver } from './helpers.ts';

type Parser = (file: string, bytes: Uint8Array) => AsyncIterable<ParsedUnit>;
const resolve = openBadgesResolver();
const PARSERS: Record<string, { parse: Parser; samples: string[] }> = {
	openbadges: {
		parse: (file, bytes) => parseOpenBadges({ file, bytes, now: NOW, resolve }),
		samples: [
			'open-badges/ob30/simple.1ob',
			'open-badges/clr20/simple.json',
			'open-badges/ob20/basic-assertion.json',
			'open-badges/ob30/simple.jwt',
			'open-badges/ob30/simple-json.svg'
		]
	},
	elm: {
		parse: (file, bytes) => parseElm({ file, bytes, now: NOW }),
		samples: ['elm/own-hasPart.jsonld', 'elm/credential-sample.jsonld']
	},
	ctdl: {
		parse: (file, bytes) => parseCtdl({ file, bytes }),
		samples: ['ctdl/welding-pathway.jsonld', 'ctdl/expanded.json']
	}
};

/** Drains a parser; true when it ended cleanly. Any error but ImportRefusal fails the property. */
async function endsCleanly(parse: Parser, bytes: Uint8Array): Promise<boolean> {
	try {
		for await (const unit of parse('mangled', bytes)) {
			if (unit.kind === 'rejected' && unit.issues.some((i) => !i.message)) return false;
			if (unit.kind === 'rows' && !Array.isArray(unit.rows)) return false;
		}
		return true;
	} catch (error) {
		if (error instanceof ImportRefusal) return error.issues.length > 0;
		throw error;
	}
}

/** Every path (list of keys) to a value inside a JSON document. */
function paths(
	value: unknown,
	prefix: (string | number)[] = [],
	out: (string | number)[][] = []
): (string | number)[][] {
	out.push(prefix);
	if (out.length > 2000) return out;
	if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
	return out;
}

function mutate(
	doc: unknown,
	path: (string | number)[],
	replacement: unknown,
	op: 'replace' | 'delete' | 'wrap'
): unknown {
	if (path.length === 0) return op === 'wrap' ? [doc] : replacement;
	const copy = structuredClone(doc) as Record<string | number, unknown>;
	let parent = copy;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
	const last = path[path.length - 1];
	if (op === 'delete') {
		if (Array.isArray(parent)) parent.splice(last as number, 1);
		else delete parent[last];
	} else parent[last] = op === 'wrap' ? [parent[last], replacement] : replacement;
	return copy;
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('mangled input never crashes a parser', () => {
	for (const [name, { parse, samples }] of Object.entries(PARSERS)) {
		it(`${name}: mangled JSON structure`, async () => {
			for (const sample of samples) {
				const bytes = fixture(sample);
				let doc: unknown;
				try {
					doc = JSON.parse(new TextDecoder().decode(bytes));
				} catch {
					continue; // JWS / SVG samples are mangled at the byte level below
				}
				const all = paths(doc);
				await fc.assert(
					fc.asyncProperty(
						fc.nat({ max: all.length - 1 }),
						fc.jsonValue({ maxDepth: 3 }),
						fc.constantFrom('replace' as const, 'delete' as const, 'wrap' as const),
						async (i, replacement, op) => endsCleanly(parse, encode(mutate(doc, all[i], replacement, op)))
					),
					{ seed: 20261122, numRuns: 60 }
				);
			}
		});

		it(`${name}: mangled bytes (truncation, flips, insertions)`, async () => {
			for (const sample of samples) {
				const bytes = fixture(sample);
				await fc.assert(
					fc.asyncProperty(
						fc.nat({ max: bytes.length }),
						fc.uint8Array({ minLength: 0, maxLength: 8 }),
						fc.constantFrom('truncate' as const, 'overwrite' as const, 'insert' as const),
						async (at, junk, op) => {
							const mangled =
								op === 'truncate'
									? bytes.subarray(0, at)
									: op === 'insert'
										? new Uint8Array([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)])
										: (() => {
												const copy = new Uint8Array(bytes);
												copy.set(junk.subarray(0, Math.max(0, copy.length - at)), at);
												return copy;
											})();
							detectFormat({ fileName: sample, head: mangled });
							return endsCleanly(parse, mangled);
						}
					),
					{ seed: 424242, numRuns: 40 }
				);
			}
		});
	}

	it('arbitrary bytes and JSON values end cleanly in every parser', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.jsonValue({ maxDepth: 4 }).map(encode)),
				async (bytes) => {
					for (const { parse } of Object.values(PARSERS)) expect(await endsCleanly(parse, bytes)).toBe(true);
					detectFormat({ fileName: 'x', head: bytes });
					return true;
				}
			),
			{ seed: 7, numRuns: 150 }
		);
	});
});
