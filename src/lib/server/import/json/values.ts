// Small readers for untrusted JSON: every accessor checks the shape it needs and returns
// undefined otherwise, so mangled documents become "missing field" issues, never TypeErrors.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One or many → many; undefined/null → none. */
export function asArray(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** A non-empty string, trimmed. */
export function str(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const s = value.trim();
	return s === '' ? undefined : s;
}

/** A finite number, also from a numeric string ("2", "7.5"). */
export function num(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

/** The `type` values of a node (JSON-LD `type` or `@type`, one or many). */
export function typesOf(node: unknown): string[] {
	if (!isObject(node)) return [];
	return asArray(node.type ?? node['@type']).filter((t): t is string => typeof t === 'string');
}

/** The id of a node or a bare reference string. */
export function idOf(value: unknown): string | undefined {
	if (typeof value === 'string') return str(value);
	if (isObject(value)) return str(value.id) ?? str(value['@id']);
	return undefined;
}

/**
 * Text from a plain string, a language map ({"en": "…"}), a JSON-LD value object or an array of
 * them, preferring English.
 */
export function text(value: unknown): string | undefined {
	if (typeof value === 'string') return str(value);
	if (typeof value === 'number') return String(value);
	if (Array.isArray(value)) {
		const texts = value.map((v) => ({ v: text(v), lang: isObject(v) ? str(v['@language']) : undefined }));
		return (texts.find((t) => t.v && t.lang?.toLowerCase().startsWith('en')) ?? texts.find((t) => t.v))?.v;
	}
	if (isObject(value)) {
		if ('@value' in value) return text(value['@value']);
		if ('noteLiteral' in value) return text(value.noteLiteral); // an ELM Note
		const keys = Object.keys(value).filter((k) => !['id', 'type', '@id', '@type', '@context'].includes(k));
		const english = keys.find((k) => /^@?en(-|$)/i.test(k));
		for (const key of english ? [english, ...keys] : keys) {
			// Language codes, also written "@en-US" by some publishers.
			if (/^@?[a-z]{2,3}(-[A-Za-z0-9]+)*$/i.test(key)) {
				const t = text(value[key]);
				if (t) return t;
			}
		}
	}
	return undefined;
}
