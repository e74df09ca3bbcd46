import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkStructure } from './structure.ts';

const credential = JSON.parse(
	readFileSync(
		new URL('../../../../../tests/fixtures/open-badges/ob30/simple-did-key-method.json', import.meta.url),
		'utf8'
	)
);

describe('checkStructure', () => {
	it('passes a valid Open Badges 3.0 credential from the 1EdTech conformance set', () => {
		expect(checkStructure(credential)).toEqual([]);
	});

	it('reports a nested item that is not an object once, at its path', () => {
		const problems = checkStructure({ ...credential, evidence: [{ type: ['Evidence'] }, 42] });
		expect(problems).toEqual([{ path: '$.evidence[1]', message: 'must be an object' }]);
	});

	it('reports a nested object of the wrong type at its type', () => {
		const problems = checkStructure({ ...credential, evidence: { type: 'Other' } });
		expect(problems).toEqual([
			{ path: '$.evidence.type', message: 'must include "Evidence" (found "Other")' }
		]);
	});
});
