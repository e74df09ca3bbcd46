import { describe, expect, it } from 'vitest';
import { RequestGate } from './request-gate.ts';

describe('RequestGate', () => {
	it('lets the limit in at once and the rest in arrival order, one per leave', async () => {
		const gate = new RequestGate(2);
		const entered: number[] = [];
		const all = [0, 1, 2, 3, 4].map((n) => gate.enter().then(() => entered.push(n)));
		await new Promise((r) => setImmediate(r));
		expect(entered).toEqual([0, 1]);
		gate.leave();
		await new Promise((r) => setImmediate(r));
		expect(entered).toEqual([0, 1, 2]);
		gate.leave();
		gate.leave();
		await Promise.all(all);
		expect(entered).toEqual([0, 1, 2, 3, 4]);
		// Everyone left: the limit is free again.
		gate.leave();
		gate.leave();
		const again: number[] = [];
		void gate.enter().then(() => again.push(1));
		void gate.enter().then(() => again.push(2));
		void gate.enter().then(() => again.push(3));
		await new Promise((r) => setImmediate(r));
		expect(again).toEqual([1, 2]);
	});
});
