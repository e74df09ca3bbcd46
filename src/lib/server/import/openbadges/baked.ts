// Baked badges: the credential carried inside an image (Open Badges "baking").
//   PNG: an iTXt chunk keyword `openbadgecredential` (OB 3.0 / CLR 2.0) or `openbadges`
//        (OB 2.0; also seen in tEXt/zTXt chunks), whose text is JSON, a compact JWS, or (OB 2.0)
//        the URL of a hosted assertion.
//   SVG: an `<openbadges:credential>` (3.0) or `<openbadges:assertion>` (2.0) element holding the
//        JSON in CDATA, or the JWS / URL in its `verify` attribute.
import { inflateSync } from 'node:zlib';

export type BakedPayload = { keyword: string; text: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const KEYWORDS = ['openbadgecredential', 'openbadges'];
/** Largest inflated text chunk accepted (a credential is kilobytes; images stay in IDAT). */
const MAX_TEXT = 8 * 1024 * 1024;

export function isPng(bytes: Uint8Array): boolean {
	return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The badge payloads in a PNG's text chunks; throws Error with a reason when the PNG is damaged. */
export function readPngBadges(bytes: Uint8Array): BakedPayload[] {
	if (!isPng(bytes)) throw new Error('not a PNG file');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const found: BakedPayload[] = [];
	let at = 8;
	while (at + 8 <= bytes.length) {
		const length = view.getUint32(at);
		const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
		const start = at + 8;
		const end = start + length;
		if (end + 4 > bytes.length)
			throw new Error(`PNG chunk ${type} runs past the end of the file (truncated?)`);
		if (type === 'iTXt' || type === 'tEXt' || type === 'zTXt') {
			const payload = textChunk(type, bytes.subarray(start, end));
			if (payload && KEYWORDS.includes(payload.keyword)) found.push(payload);
		}
		if (type === 'IEND') break;
		at = end + 4; // skip the CRC
	}
	return found;
}

function textChunk(type: string, data: Uint8Array): BakedPayload | null {
	const zero = data.indexOf(0);
	if (zero < 0) return null;
	const keyword = new TextDecoder('latin1').decode(data.subarray(0, zero));
	if (!KEYWORDS.includes(keyword)) return { keyword, text: '' };
	if (type === 'tEXt') return { keyword, text: new TextDecoder('latin1').decode(data.subarray(zero + 1)) };
	if (type === 'zTXt')
		return { keyword, text: new TextDecoder('latin1').decode(inflate(data.subarray(zero + 2))) };
	// iTXt: keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text
	const compressed = data[zero + 1] === 1;
	const lang = data.indexOf(0, zero + 3);
	const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
	if (translated < 0) return null;
	const body = data.subarray(translated + 1);
	return { keyword, text: new TextDecoder('utf-8').decode(compressed ? inflate(body) : body) };
}

function inflate(data: Uint8Array): Uint8Array {
	return inflateSync(data, { maxOutputLength: MAX_TEXT });
}

/** The badge payloads in an SVG document (its text). */
export function readSvgBadges(svg: string): BakedPayload[] {
	const found: BakedPayload[] = [];
	const element = /<([A-Za-z_][\w.-]*):(credential|assertion)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1:\2\s*>)/g;
	for (const m of svg.matchAll(element)) {
		const [, prefix, local, attributes, , content] = m;
		// Only elements in an Open Badges namespace: the prefix must be bound to one.
		const ns = new RegExp(`xmlns:${prefix}\\s*=\\s*["']([^"']+)["']`).exec(svg)?.[1] ?? '';
		if (!/openbadges|imsglobal/i.test(ns) && prefix !== 'openbadges') continue;
		const keyword = local === 'credential' ? 'openbadgecredential' : 'openbadges';
		const verify = /\bverify\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1];
		const body = (content ?? '')
			.replace(/^\s*<!\[CDATA\[/, '')
			.replace(/\]\]>\s*$/, '')
			.trim();
		const text = body || verify?.trim() || '';
		if (text) found.push({ keyword, text: decodeXmlEntities(text, body === '') });
	}
	return found;
}

function decodeXmlEntities(text: string, fromAttribute: boolean): string {
	// CDATA content is literal; attribute values and plain element text carry entities.
	if (!fromAttribute && !/&(amp|lt|gt|quot|apos);/.test(text)) return text;
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}
