// Login attempts are limited per account and per address, so guessing is slow whichever one an
// attacker varies. A sliding window in memory: Stackwise runs as one process per database
// (a second app server would need this in the database).

export type RateLimitOptions = { limit: number; windowMs: number };

export class RateLimiter {
	private attempts = new Map<string, number[]>();
	constructor(private options: RateLimitOptions) {}

	private recent(key: string, now: number): number[] {
		const kept = (this.attempts.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
		if (kept.length > 0) this.attempts.set(key, kept);
		else this.attempts.delete(key);
		return kept;
	}

	/** Milliseconds until `key` may try again; 0 when it may now. */
	retryAfter(key: string, now = Date.now()): number {
		const recent = this.recent(key, now);
		if (recent.length < this.options.limit) return 0;
		return this.options.windowMs - (now - recent[0]);
	}

	/** Records a failed attempt. */
	hit(key: string, now = Date.now()) {
		const recent = this.recent(key, now);
		recent.push(now);
		this.attempts.set(key, recent);
	}

	reset(key: string) {
		this.attempts.delete(key);
	}
}

/** Ten failures per account per 15 minutes; thirty per address (a shared NAT has many people). */
export const loginLimits = {
	account: new RateLimiter({ limit: 10, windowMs: 15 * 60_000 }),
	address: new RateLimiter({ limit: 30, windowMs: 15 * 60_000 })
};
