// The credentialism watch and the data-quality cards in the browser: a policymaker opens /watch
// (each panel with its table and definition), a provider opens its own scorecard and gets 404 for
// another's; axe finds nothing on either page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './auth.ts';

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

test('a policymaker opens the credentialism watch', async ({ page }) => {
	await signIn(page, 'policymaker');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watch' }).click();
	await expect(page).toHaveURL(/\/watch$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Credentialism watch' })).toBeVisible();
	for (const title of [
		'Credentials first offered and first awarded',
		'Awards per credential',
		'Overlapping credentials',
		'Dead ends and orphans',
		'Participation vs assessment'
	])
		await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

	// The proliferation chart redraws by another breakdown in the page.
	const proliferation = page.locator('[data-panel="proliferation"]');
	await expect(proliferation.locator('.subtitle')).toContainText('Per quarter, whole catalogue');
	await proliferation.getByLabel('Break down by').selectOption('level');
	await expect(proliferation.locator('.subtitle')).toContainText('Per quarter, level');

	// The awards-per-credential table: every credential of the bundled catalogue is in one band.
	const bands = page.getByRole('table', { name: 'Credentials by awards per credential (table)' });
	const counts = await bands.locator('tbody tr td:nth-child(2)').allTextContents();
	expect(counts).toHaveLength(4);
	const never = Number(counts[0].replace(/,/g, ''));
	expect(never).toBeGreaterThan(1000);

	// The overlap panel names the units shared across qualifications, and its clusters link the catalogue.
	const overlap = page.locator('[data-panel="overlap"]');
	await expect(overlap.getByText(/units count toward two or more qualifications/)).toBeVisible();
	await expect(overlap.getByRole('link').first()).toHaveAttribute('href', /^\/catalogue\//);

	// The participation panel's table says the share per quarter; its definition is one click away.
	const participation = page.locator('[data-panel="participation"]');
	await participation.getByRole('button', { name: 'Show table' }).click();
	await expect(participation.getByRole('table')).toBeVisible();
	await participation.getByText('Definition', { exact: true }).click();
	await expect(participation.locator('details p')).toContainText('The EU definition requires assessment');
	await expect(participation.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
		'href',
		/\/api\/watch\?format=csv&table=participation/
	);
	await expectNoAxeViolations(page);

	// The CSV behind a panel holds the same rows as its table.
	const csv = await (await page.request.get('/api/watch?format=csv&table=bands')).text();
	expect(csv.split('\r\n')[0]).toBe('band,credentials,share');
	expect(csv.split('\r\n')[1]).toMatch(new RegExp(`^never awarded,${never},`));
});

test('a provider opens its own data-quality card and gets 404 for another provider', async ({ page }) => {
	await signIn(page, 'provider');
	const own = await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'My provider' })
		.getAttribute('href');
	expect(own).toMatch(/^\/providers\//);
	await page.goto(own!);
	await page.getByRole('link', { name: 'Data-quality card' }).click();
	await expect(page).toHaveURL(new RegExp(`${own}/quality$`));
	await expect(page.getByRole('heading', { level: 1, name: /^Data quality: / })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Elements the records carry' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Elements (table)' }).locator('tbody tr')).toHaveCount(9);
	await expectNoAxeViolations(page);

	// Another provider's card, and the watch, are not the provider's to see.
	const other = own === '/providers/open-university' ? '/providers/demo-rto-1' : '/providers/open-university';
	expect((await page.goto(`${other}/quality`))?.status()).toBe(404);
	expect((await page.goto('/watch'))?.status()).toBe(403);
});
