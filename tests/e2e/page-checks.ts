// Checks every page is held to, whatever it shows: axe finds nothing, and the page never scrolls
// sideways (a table may scroll inside its own box; the page may not).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoAxeViolations(page: Page, where: string) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(
		violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		where
	).toEqual([]);
}

export async function expectNoSidewaysScroll(page: Page, where: string) {
	const pageOverflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(pageOverflow, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Waits until the page's streamed panels are in (nothing is `aria-busy`). */
export async function settled(page: Page) {
	await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 120_000 });
}
