// The pseudo-locale en-XA: every English message wrapped in ⟦ ⟧, placeholders and plural variants
// kept, so a page rendered in it shows at a glance (and to tests/e2e/i18n.test.ts) any text that
// did not come through a message.
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

type Variant = { match: Record<string, string> } & Record<string, unknown>;
export type MessageFile = Record<string, string | Variant[]> & { $schema?: string };

export function pseudoMessages(english: MessageFile): MessageFile {
	const wrap = (text: string) => `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}`;
	return Object.fromEntries(
		Object.entries(english).map(([key, value]) => {
			if (key === '$schema' || typeof value === 'string')
				return [key, key === '$schema' ? value : wrap(value as string)];
			return [
				key,
				value.map((variant) => ({
					...variant,
					match: Object.fromEntries(Object.entries(variant.match).map(([k, v]) => [k, wrap(v)]))
				}))
			];
		})
	);
}

/** The same messages ordered by key, `$schema` first. */
export function sortedMessages(file: MessageFile): MessageFile {
	const { $schema, ...messages } = file;
	const sorted = Object.fromEntries(
		Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
	);
	return ($schema === undefined ? sorted : { $schema, ...sorted }) as MessageFile;
}
