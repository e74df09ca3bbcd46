// The policy what-if in the browser: a policymaker builds a scenario with the form (Certificate I
// in Construction asking any 5 of its 8 core units), sees the difference against today's rules,
// and the URL — which holds the scenario — shows the same result in a fresh browser context.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './auth.ts';

const tiles = async (page: Page) => ({
	difference: await page.locator('[data-side="scenario"] [data-tile="difference"] dd').first().textContent(),
	now: await page.locator('[data-side="now"] [data-tile="completed-now"] dd').first().textContent(),
	scenario: await page
		.locator('[data-side="scenario"] [data-tile="completed-scenario"] dd')
		.first()
		.textContent()
});

test('a policymaker builds a scenario in the form, sees the difference, and shares it by URL', async ({
	page,
	browser
}) => {
	await signIn(page, 'policymaker');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What-if' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Policy what-if' })).toBeVisible();
	await expect(page.getByText(/Runs on generated learners/)).toBeVisible();

	await page.getByLabel('Qualification', { exact: true }).selectOption('CPC10120');
	await page.getByRole('button', { name: 'Edit its rules' }).click();
	const core = page.locator('input[name="n.CPC10120/core"]');
	await expect(core).toHaveValue('8');
	await core.fill('5');
	await page.getByRole('button', { name: 'Run the scenario' }).click();

	await expect(page).toHaveURL(/scenario=/);
	await expect(page.locator('[data-whatif-qualification="CPC10120"]')).toBeVisible();
	await expect(page.locator('[data-whatif-data="generated"]')).toContainText('generated learners');
	const first = await tiles(page);
	expect(first.difference).toMatch(/^\+\d/);
	expect(Number(first.scenario!.replace(/,/g, ''))).toBeGreaterThan(Number(first.now!.replace(/,/g, '')));
	// The form shows the scenario it ran.
	await expect(page.locator('input[name="n.CPC10120/core"]')).toHaveValue('5');
	for (const id of ['whatif-curves', 'whatif-equity', 'whatif-qualifications'])
		await expect(page.locator(`[data-panel="${id}"]`)).toBeVisible();
	await expect(page.locator('[data-panel="whatif-curves"] svg[data-chart="lines"]')).toBeVisible();
	// The equity panel redraws by another grouping in the page.
	const equity = page.locator('[data-panel="whatif-equity"]');
	await equity.getByLabel('Group by').selectOption('age_band');
	await expect(equity.locator('svg[aria-label^="Share completing"]')).toHaveAttribute(
		'aria-label',
		/by age band, today and under/
	);
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
	await page.screenshot({ path: 'test-results/e2e/whatif.png', fullPage: true });

	// The URL alone, in a fresh context (another person, signed in), gives the same result.
	const shared = page.url();
	const context = await browser.newContext();
	const other = await context.newPage();
	await signIn(other, 'policymaker');
	await other.goto(shared);
	await expect(other.locator('[data-whatif-qualification="CPC10120"]')).toBeVisible();
	expect(await tiles(other)).toEqual(first);
	await context.close();
});

test('a credit transfer is built with the form controls and kept in the URL', async ({ page }) => {
	await signIn(page, 'policymaker');
	await page.goto('/policy/what-if?q=CPC10120');
	await page.getByLabel('Units from').selectOption('demo-rto-1');
	await page.getByLabel('count toward the qualifications of').selectOption('demo-rto-2');
	await page.getByLabel('up to (credits per learner)').fill('20');
	await page.getByRole('button', { name: 'Run the scenario' }).click();

	await expect(page).toHaveURL(/scenario=/);
	const scenario = JSON.parse(new URL(page.url()).searchParams.get('scenario')!);
	expect(scenario.changes).toEqual([
		{ type: 'creditTransfer', fromProvider: 'demo-rto-1', toProvider: 'demo-rto-2', maxCredits: 20 }
	]);
	// The form carries it on (untick to drop it), and the result says what it did: the bundled
	// catalogue names no provider for its qualifications, so nothing can count toward them.
	await expect(
		page.getByRole('checkbox', {
			name: /units of demo-rto-1 count toward demo-rto-2's qualifications, up to 20 credits/
		})
	).toBeChecked();
	await expect(
		page.getByText('provider demo-rto-2 offers no qualification with stacking rules')
	).toBeVisible();
	// Run again as it stands: the transfer is carried once, not added a second time from its fields.
	await expect(page.getByLabel('up to (credits per learner)')).toHaveValue('');
	const url = page.url();
	await Promise.all([
		page.waitForRequest((request) => request.url().includes('apply=1')),
		page.getByRole('button', { name: 'Run the scenario' }).click()
	]);
	await page.waitForURL((next) => !next.searchParams.has('apply'));
	expect(JSON.parse(new URL(page.url()).searchParams.get('scenario')!).changes).toHaveLength(1);
	expect(page.url()).toBe(url);
	// On a phone the form (long member titles in its selects) stays within the screen.
	await page.setViewportSize({ width: 390, height: 900 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
});

test('a provider may not open the what-if', async ({ page }) => {
	await signIn(page, 'provider');
	expect((await page.goto('/policy/what-if'))?.status()).toBe(403);
});
