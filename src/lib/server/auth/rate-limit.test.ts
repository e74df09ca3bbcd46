import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
	it('allows the limit, then blocks until the oldest attempt leaves the window', () => {
		const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
		for (const t of [0, 100, 200]) {
			expect(limiter.retryAfter('a', t)).toBe(0);
			limiter.hit('a', t);
		}
		expect(limiter.retryAfter('a', 300)).toBe(700);
		expect(limiter.retryAfter('b', 300)).toBe(0); // keys are independent
		expect(limiter.retryAfter('a', 1000)).toBe(0); // the attempt at 0 has left the window
	});
	it('forgets a key on reset (after a successful sign-in)', () => {
		const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
		limiter.hit('a', 0);
		expect(limiter.retryAfter('a', 1)).toBeGreaterThan(0);
		limiter.reset('a');
		expect(limiter.retryAfter('a', 1)).toBe(0);
	});
});
