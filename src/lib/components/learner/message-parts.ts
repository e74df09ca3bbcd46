// A message with an element inside it (a link, a bold title): the message is rendered with a marker
// in the element's place and cut there, so each language puts the element where its grammar wants
// it while the page still draws the element itself (no {@html}).

/** Where a message's placeholder falls: text, or the named slot the page fills with an element. */
export type MessagePart = { text: string; slot?: undefined } | { text?: undefined; slot: string };

// Private-use characters: no message or data value holds them.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The value to pass for a placeholder the page fills with an element. */
export const slot = (name: string) => `${OPEN}${name}${CLOSE}`;

/** A rendered message cut at its slots, in reading order. */
export function messageParts(message: string): MessagePart[] {
	return message
		.split(new RegExp(`(${OPEN}[^${CLOSE}]*${CLOSE})`))
		.filter((piece) => piece !== '')
		.map((piece) => (piece.startsWith(OPEN) ? { slot: piece.slice(1, -1) } : { text: piece }));
}
