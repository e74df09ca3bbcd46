import { describe, expect, it } from 'vitest';
import { meanDaysAmongCompleters } from './mean-among-completers.ts';

describe('meanDaysAmongCompleters', () => {
	it('averages the completion days of completers only', () => {
		const mean = meanDaysAmongCompleters([
			{ day: 10, completed: 1, withdrawn: 5, failed: 0, censored: 0 },
			{ day: 40, completed: 3, withdrawn: 0, failed: 2, censored: 9 }
		]);
		expect(mean).toBe((10 + 3 * 40) / 4);
	});
	it('is undefined with no completers or no input', () => {
		expect(
			meanDaysAmongCompleters([{ day: 3, completed: 0, withdrawn: 1, failed: 0, censored: 0 }])
		).toBeUndefined();
		expect(meanDaysAmongCompleters([])).toBeUndefined();
	});
	it('refuses bad counts', () => {
		expect(() =>
			meanDaysAmongCompleters([{ day: 1, completed: -1, withdrawn: 0, failed: 0, censored: 0 }])
		).toThrow(/^meanDaysAmongCompleters/);
	});
});
