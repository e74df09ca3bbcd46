// The dashboards at a laptop's and a phone's width: no table clips a column (every cell fits, or
// the table scrolls sideways inside its box and says so), the page itself never scrolls
// sideways, and axe finds nothing — on the dashboards, /imports and the error pages.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './auth.ts';
import { expectNoAxeViolations, expectNoSidewaysScroll, settled } from './page-checks.ts';

test.describe.configure({ timeout: 600_000 });

async function expectNoClipping(page: Page, where: string) {
	const tables = await page.locator('.table-wrap').evaluateAll((wraps) =>
		wraps
			.filter((wrap) => (wrap as HTMLElement).offsetParent !== null)
			.map((wrap) => {
				const box = wrap as HTMLElement;
				const scrolls = box.scrollWidth > box.clientWidth + 1;
				const hint = box.nextElementSibling?.hasAttribute('data-scroll-hint') ?? false;
				const clipped = [...box.querySelectorAll('th, td')]
					.filter((cell) => (cell as HTMLElement).scrollWidth > (cell as HTMLElement).clientWidth + 1)
					.map((cell) => cell.textContent);
				return {
					name: box.getAttribute('aria-label'),
					scrolls,
					hint,
					clipped,
					overflowX: getComputedStyle(box).overflowX
				};
			})
	);
	expect(tables.length, where).toBeGreaterThan(0);
	for (const t of tables) {
		expect(t.clipped, `${where}: ${t.name}`).toEqual([]);
		if (t.scrolls) {
			expect(t.overflowX, `${where}: ${t.name}`).toBe('auto');
			expect(t.hint, `${where}: ${t.name} scrolls without a hint`).toBe(true);
		}
	}
	await expectNoSidewaysScroll(page, where);
}

test('no dashboard table clips a column at 1280 px and 390 px, and axe finds nothing', async ({ page }) => {
	await signIn(page, 'admin');
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		for (const path of [
			'/system',
			'/system?data=generated&by=gender&by2=age_band',
			'/providers/open-university',
			'/flows'
		]) {
			await page.goto(path);
			// The page's panels are in (the /system Sankey streams in after the page).
			await expect(page.locator('[data-panel]').first()).toBeVisible();
			await settled(page);
			// Tables behind a toggle are shown too.
			const toggles = page.getByRole('button', { name: 'Show table' });
			while ((await toggles.count()) > 0) await toggles.first().click();
			await expectNoClipping(page, `${path} at ${width} px`);
			if (width === 1280) await expectNoAxeViolations(page, path);
			await page.screenshot({
				path: `test-results/screenshots/layout-${path.replace(/\W+/g, '-')}-${width}.png`,
				fullPage: true
			});
		}
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/imports');
	await expectNoAxeViolations(page, '/imports');
	// The error pages: one a load answers (inside the site's navigation), one the access rule answers.
	const missing = await page.goto('/providers/no-such-provider');
	expect(missing?.status()).toBe(404);
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'The start page' })).toBeVisible();
	await expectNoAxeViolations(page, '404 page');
	await page.context().clearCookies();
	await signIn(page, 'learner');
	const denied = await page.goto('/imports');
	expect(denied?.status()).toBe(403);
	await expect(page.getByRole('link', { name: 'The start page' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await expectNoAxeViolations(page, '403 page');
});
