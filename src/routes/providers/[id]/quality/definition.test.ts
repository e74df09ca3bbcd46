// The quality card's definition is a message on the page (it is read in three languages); in
// English it stays the query layer's QUALITY_DEFINITION word for word, so the two cannot drift.
import { expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { QUALITY_DEFINITION } from '$lib/server/queries/quality.ts';

it("the page's English definition is the query layer's", () => {
	expect(m.quality_definition()).toBe(QUALITY_DEFINITION);
});
