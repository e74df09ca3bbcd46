import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('OneAtATime', () => {
	it('runs pieces in order, never two at once, without making the caller wait for the last', async () => {
		const queue = new OneAtATime();
		const log: string[] = [];
		let running = 0;
		const piece = (name: string) => async () => {
			running++;
			expect(running).toBe(1);
			log.push(`${name} start`);
			await tick();
			log.push(`${name} end`);
			running--;
		};
		await queue.start(piece('a'));
		log.push('caller goes on');
		await queue.start(piece('b'));
		await queue.last;
		expect(log).toEqual(['a start', 'caller goes on', 'a end', 'b start', 'b end']);
	});

	it('hands a failure to the next start and to whoever awaits the last, and settles either way', async () => {
		const queue = new OneAtATime();
		await queue.start(async () => {
			await tick();
			throw new Error('write failed');
		});
		await expect(queue.start(async () => {})).rejects.toThrow('write failed');
		await expect(queue.last).rejects.toThrow('write failed');
		await expect(queue.settled()).resolves.toBeUndefined();
	});
});
