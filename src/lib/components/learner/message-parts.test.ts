import { describe, expect, it } from 'vitest';
import { messageParts, slot } from './message-parts.ts';

describe('messageParts', () => {
	it('cuts a message at its slots, in the order the language puts them', () => {
		expect(messageParts(`${slot('a')} requires ${slot('b')} first`)).toEqual([
			{ slot: 'a' },
			{ text: ' requires ' },
			{ slot: 'b' },
			{ text: ' first' }
		]);
		expect(messageParts(`يتطلب ${slot('b')}.`)).toEqual([{ text: 'يتطلب ' }, { slot: 'b' }, { text: '.' }]);
		expect(messageParts('no slot')).toEqual([{ text: 'no slot' }]);
	});
});
