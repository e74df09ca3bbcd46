// Which credential format a file holds, from its content (the name only breaks ties): a
// Verifiable Presentation (`vp`, whatever it encloses), Open Badges 2.0 (`ob2`), Open Badges 3.0
// (`ob3`), CLR 2.0 (`clr`), European Learning Model (`elm`), CTDL (`ctdl`), or another W3C
// verifiable credential (`vc`); null when none. It reads only the first bytes it is given, so it works on a
// file's head; baked PNG/SVG badges and compact JWS payloads are looked inside.
export type CredentialFormat = 'vp' | 'ob2' | 'ob3' | 'clr' | 'elm' | 'ctdl' | 'vc';

/**
 * How many bytes of a file the detector wants. Baked PNGs usually carry their badge chunk after
 * the image data, so for a PNG pass the whole file when it is larger than this.
 */
export const DETECT_HEAD_BYTES = 256 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Markers in document text, most specific first. */
const MARKERS: [CredentialFormat, RegExp][] = [
	['vp', /"(VerifiablePresentation|EnvelopedVerifiablePresentation)"|^\s*\{\s*"vp"\s*:/],
	['elm', /EuropeanDigitalCredential|data\.europa\.eu\/snb\/model|europass|"credentialProfiles"/i],
	['clr', /ClrCredential|\/spec\/clr\/v2p0|\/draft\/clr\//],
	[
		'ob3',
		/OpenBadgeCredential|AchievementCredential|EndorsementCredential|\/spec\/ob\/v3p0|openbadges-specification/
	],
	[
		'ob2',
		/w3id\.org\/openbadges|openbadgespec\.org|"recipient"\s*:[\s\S]*"badge"\s*:|"badge"\s*:[\s\S]*"recipient"\s*:/
	],
	[
		'ctdl',
		/purl\.org\/ctdl(asn)?\/terms|credreg\.net\/ctdl|"ceterms:|credentialengineregistry\.org|"(@type|type)"\s*:\s*"(ceterms:)?(Pathway|PathwaySet|ComponentCondition|LearningProgram)"/
	],
	['vc', /"VerifiableCredential"|www\.w3\.org\/ns\/credentials\/v2|www\.w3\.org\/2018\/credentials\/v1/]
];

function classifyText(text: string): CredentialFormat | null {
	for (const [format, pattern] of MARKERS) if (pattern.test(text)) return format;
	return null;
}

function base64urlPrefix(segment: string): string {
	const usable = segment.slice(0, segment.length - (segment.length % 4));
	try {
		return Buffer.from(usable, 'base64url').toString('utf8');
	} catch {
		return '';
	}
}

/** The payload text of a compact JWS (as much as the head holds), or null. */
function jwsPayload(text: string): string | null {
	const m = /^(eyJ[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)/.exec(text);
	return m ? base64urlPrefix(m[2]) : null;
}

function classifyPayload(text: string): CredentialFormat | null {
	const t = text.trim();
	const payload = jwsPayload(t);
	return classifyText(payload ?? t);
}

function pngText(head: Uint8Array): { keyword: string; text: string } | null {
	let at = 8;
	const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
	while (at + 8 <= head.length) {
		const length = view.getUint32(at);
		const type = String.fromCharCode(...head.subarray(at + 4, at + 8));
		if (type === 'iTXt' || type === 'tEXt' || type === 'zTXt') {
			const data = head.subarray(at + 8, Math.min(head.length, at + 8 + length));
			const zero = data.indexOf(0);
			const keyword = zero > 0 ? new TextDecoder('latin1').decode(data.subarray(0, zero)) : '';
			if (keyword === 'openbadgecredential' || keyword === 'openbadges')
				return { keyword, text: new TextDecoder('utf-8').decode(data.subarray(zero + 1)) };
		}
		if (type === 'IEND') break;
		at += 12 + length;
	}
	return null;
}

function decodeHead(head: Uint8Array): string {
	if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
	if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
	return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}

export function detectFormat({
	fileName,
	head
}: {
	fileName: string;
	head: Uint8Array;
}): CredentialFormat | null {
	if (PNG.every((b, i) => head[i] === b)) {
		const baked = pngText(head);
		if (!baked) return null;
		if (baked.keyword === 'openbadges') return 'ob2';
		// iTXt puts flags, a language tag and a translated keyword before the text: start at the payload.
		const start = baked.text.search(/eyJ|\{/);
		const inner = start >= 0 ? classifyPayload(baked.text.slice(start)) : null;
		return inner === 'clr' ? 'clr' : 'ob3';
	}
	const text = decodeHead(head).trimStart();
	if (text.startsWith('<')) {
		const baked =
			/<([\w.-]+):(credential|assertion)\b[^>]*?(?:verify\s*=\s*["']([^"']+)["'])?[^>]*>([\s\S]*)/.exec(text);
		if (baked && /openbadges|imsglobal/i.test(text)) {
			if (baked[2] === 'assertion') return 'ob2';
			const inner = classifyPayload(baked[3] ?? '') ?? classifyText(baked[4] ?? '');
			return inner === 'clr' ? 'clr' : 'ob3';
		}
		if (/data\.europa\.eu\/snb|europass|verifiablePresentation/i.test(text)) return 'elm';
		return null;
	}
	if (text.startsWith('eyJ'))
		return classifyPayload(text) ?? (/\.(jwt|jws|1ob)$/i.test(fileName) ? 'ob3' : null);
	if (text.startsWith('{') || text.startsWith('[')) {
		const found = classifyText(text);
		if (found) return found;
		// JWS JSON serialisation with a base64url payload: look inside it.
		const payload = /"payload"\s*:\s*"([A-Za-z0-9_-]+)/.exec(text)?.[1];
		return payload ? classifyText(base64urlPrefix(payload)) : null;
	}
	return null;
}
