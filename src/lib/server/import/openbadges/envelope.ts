// What an Open Badges file holds, unwrapped: the JSON documents and compact JWS tokens inside a
// JSON file, a .jwt file, or a baked PNG/SVG. A file that holds none is refused whole.
import { ImportRefusal } from '../records.ts';
import { DEFAULT_JSON_LIMITS, parseJsonLimited, type JsonLimits, decodeText } from '../json/index.ts';
import { isCompactJws } from '../verify/index.ts';
import { isPng, readPngBadges, readSvgBadges } from './baked.ts';

export type Envelope =
	| { kind: 'json'; path: string; doc: unknown }
	| { kind: 'jws'; path: string; token: string }
	| { kind: 'url'; path: string; url: string };

export function readEnvelopes(
	bytes: Uint8Array,
	file: string,
	limits: JsonLimits = DEFAULT_JSON_LIMITS
): Envelope[] {
	if (isPng(bytes)) {
		let baked;
		try {
			baked = readPngBadges(bytes);
		} catch (error) {
			throw new ImportRefusal([{ file, message: `unreadable PNG: ${(error as Error).message}` }]);
		}
		if (baked.length === 0)
			throw new ImportRefusal([
				{ file, message: 'PNG without a baked badge (no openbadgecredential / openbadges text chunk)' }
			]);
		return baked.map((b, i) =>
			fromText(b.text, `png:${b.keyword}${baked.length > 1 ? `[${i}]` : ''}`, file, limits)
		);
	}
	const text = decodeText(bytes, file).trim();
	if (text.startsWith('<')) {
		const baked = readSvgBadges(text);
		if (baked.length === 0)
			throw new ImportRefusal([
				{ file, message: 'XML/SVG without an openbadges:credential or openbadges:assertion element' }
			]);
		return baked.map((b, i) =>
			fromText(b.text, `svg:${b.keyword}${baked.length > 1 ? `[${i}]` : ''}`, file, limits)
		);
	}
	if (text.startsWith('[')) {
		const list = parseJsonLimited(text, file, limits) as unknown[];
		return list.map((doc, i) => envelopeOf(doc, `$[${i}]`));
	}
	return [fromText(text, '$', file, limits)];
}

function envelopeOf(doc: unknown, path: string): Envelope {
	if (typeof doc === 'string' && isCompactJws(doc.trim())) return { kind: 'jws', path, token: doc.trim() };
	return { kind: 'json', path, doc };
}

function fromText(raw: string, path: string, file: string, limits: JsonLimits): Envelope {
	const text = raw.trim();
	if (isCompactJws(text)) return { kind: 'jws', path, token: text };
	if (text.startsWith('{')) return { kind: 'json', path, doc: parseJsonLimited(text, file, limits) };
	if (/^https?:\/\/\S+$/.test(text)) return { kind: 'url', path, url: text };
	throw new ImportRefusal([{ file, path, message: 'neither JSON nor a compact JWS' }]);
}
