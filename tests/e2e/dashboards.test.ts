// The policymaker's and the provider's dashboards in a real browser: figures against the API's
// JSON (the same rows `stackwise metrics … --json` prints), filters in the URL, a shared link,
// a CSV download, keyboard access, axe, and a screenshot per page under test-results/.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';

import { readFileSync } from 'node:fs';
import { signIn } from './auth.ts';
import { recordTiming } from './timings.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
// Many pages and downloads per test, on a two-core machine: room beyond the 60 s default.
test.describe.configure({ timeout: 240_000 });

async function expectNoAxeViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the policymaker’s /system: figures match the API, filters live in the URL, CSV downloads', async ({
	page
}) => {
	await signIn(page, 'policymaker');
	await page.goto('/system');
	await page.waitForLoadState('load');
	await recordTiming(page, '/system');
	const api = await (await page.request.get('/api/metrics/completion?by=credential')).json();
	const rows = await (await page.request.get('/api/metrics/completion')).json();
	const all = Array.isArray(rows) ? rows[0] : rows;
	await expect(page.locator('[data-tile="completion"] dd').first()).toHaveText(pct(all.rate));
	const ttc = await (await page.request.get('/api/metrics/time-to-credential')).json();
	await expect(page.locator('[data-tile="median-time"] dd').first()).toHaveText(
		ttc.median ? `${Math.round(ttc.median.days)} days` : 'Not reached'
	);
	// Every credential's dot names the API's rate.
	const chart = page.locator('[data-panel="completion-by-credential"] svg');
	for (const row of api) {
		await expect(chart.locator(`g.row[data-key="${row.group}"]`)).toHaveAttribute(
			'aria-label',
			new RegExp(`^${row.group}: ${pct(row.rate).replace('.', '\\.')}`)
		);
	}

	// The cumulative incidence curves are drawn with focusable marks.
	const curve = page.locator('[data-panel="time-to-credential"] svg[data-chart="lines"]');
	await expect(curve.locator('path.line')).toHaveCount(3);
	await curve.locator('g.mark').first().focus();
	await expect(curve.locator('g.tooltip')).toHaveCount(1);

	// The flow Sankey streams in after the page: bands with their learners named.
	const sankey = page.locator('[data-panel="flows"] svg[data-chart="sankey"]');
	await expect(sankey.locator('path.link').first()).toHaveAttribute('aria-label', /→ .*: [\d,]+ learners/);

	// A filter changes the URL and the chart; the link alone shows the same view.

	await page.getByLabel('Equity by').selectOption('disability');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/by=disability/);
	const equity = page.locator('[data-panel="equity"]');
	await expect(equity.locator('h2')).toContainText('by disability');
	const byDisability = await (await page.request.get('/api/metrics/completion?by=disability')).json();
	await expect(equity.locator('g.row')).toHaveCount(byDisability.length);
	const shared = page.url();
	await page.goto('/system');
	await page.goto(shared);
	await expect(equity.locator('h2')).toContainText('by disability');
	await page.goBack();
	await expect(page.locator('[data-panel="equity"] h2')).toContainText('by gender');

	// Two dimensions: a heat map with a cell per pair.
	await page.goto('/system?by=gender&by2=age_band');
	await expect(page.locator('[data-panel="equity"] svg[data-chart="heat-map"] g.cell').first()).toBeVisible();

	// The CSV behind the completion chart: its header and one row per credential.
	await page.goto('/system');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page
			.locator('[data-panel="completion-by-credential"]')
			.getByRole('button', { name: 'Download CSV' })
			.click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8')
		.trim()
		.split(/\r?\n/);
	expect(csv[0]).toBe('credential,completed,known,in_progress,rate,low,high,suppressed');
	expect(csv).toHaveLength(api.length + 1);
	// The whole table as Arrow, from the endpoint behind the panel, with the page's filters.
	const arrowHref = await page
		.locator('[data-panel="completion-by-credential"]')
		.getByRole('link', { name: 'Arrow' })
		.getAttribute('href');
	const arrow = await page.request.get(arrowHref!);
	expect(arrow.headers()['content-type']).toBe('application/vnd.apache.arrow.file');
	const table = tableFromIPC(await arrow.body());
	expect(table.numRows).toBe(api.length);
	expect(table.getChild('group')?.toArray()).toEqual(api.map((r: { group: string }) => r.group));

	// Tab from the chart's first point to the next.
	await chart.locator('g.row').first().focus();
	await page.keyboard.press('Tab');
	await expect(chart.locator('g.row').nth(1)).toBeFocused();

	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screenshots/system-full.png', fullPage: true });
	await page.setViewportSize({ width: 360, height: 800 });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'test-results/screenshots/system-360.png', fullPage: true });
});

test('drill-through: a credential’s flows into and out of it; a group’s row leads to its flows', async ({
	page
}) => {
	await signIn(page, 'policymaker');
	// The Sankey of one credential: the API's flows touching it, each a row of the whole table.
	await page.goto('/system?credential=FFF');
	const panel = page.locator('[data-panel="flows"]');
	await expect(panel).toContainText('The flows into and out of FFF');
	type Flow = { from: string; to: string; count: number | null };
	const flows = async (query: string) =>
		(await (await page.request.get(`/api/flows?kind=next&cohorts=combined${query}`)).json()) as Flow[];
	const [ofFff, whole] = await Promise.all([flows('&credential=FFF'), flows('')]);
	expect(ofFff).toEqual(whole.filter((r) => r.from === 'FFF' || r.to === 'FFF'));
	expect(ofFff.some((r) => r.from === 'FFF' && r.count !== null)).toBe(true);
	expect(ofFff.some((r) => r.to === 'FFF' && r.count !== null)).toBe(true);
	const drawn = await panel
		.locator('svg[data-chart="sankey"] path.link')
		.evaluateAll((links) => links.map((l) => l.getAttribute('aria-label') ?? ''));
	const published = ofFff.filter((r) => r.count !== null);
	expect(published.length).toBeLessThanOrEqual(40);
	await panel.screenshot({ path: 'test-results/screenshots/system-flows-of-FFF.png' });
	expect(drawn.sort()).toEqual(
		published.map((r) => `${r.from} → ${r.to}: ${r.count!.toLocaleString('en')} learners`).sort()
	);

	// A group in the equity table leads to the Flows page narrowed to it, its controls saying so.
	await page.goto('/system?by=disability');
	const equityTable = page.locator('[data-panel="equity"] table');
	await page.locator('[data-panel="equity"]').getByRole('button', { name: 'Show table' }).click();
	const yes = equityTable.getByRole('link', { name: 'Y', exact: true });
	await expect(yes).toHaveAttribute('href', '/flows?data=real&by=disability&group=Y');
	await yes.click();
	await expect(page).toHaveURL(/\/flows\?data=real&by=disability&group=Y$/);
	await expect(page.locator('form.filters select[name="by"]')).toHaveValue('disability');
	await expect(page.locator('form.filters select[name="group"]')).toHaveValue('Y');

	// A provider's own page: the group's flows of its own learners.
	await page.context().clearCookies();
	await signIn(page, 'provider');
	const own = await page.getByRole('link', { name: 'My provider' }).getAttribute('href');
	await page.goto(`${own}?by=gender`);
	await page.locator('[data-panel="equity"]').getByRole('button', { name: 'Show table' }).click();
	const women = page.locator('[data-panel="equity"] table').getByRole('link', { name: 'F', exact: true });
	const provider = own!.split('/').pop();
	await expect(women).toHaveAttribute('href', `/flows?data=real&by=gender&group=F&provider=${provider}`);
	await women.click();
	await expect(page.locator('form.filters select[name="group"]')).toHaveValue('F');
	await page.screenshot({ path: 'test-results/screenshots/provider-group-flows.png', fullPage: true });
});

test('providers: the list for a policymaker, and a provider’s own page against the system', async ({
	page
}) => {
	await signIn(page, 'policymaker');
	await page.goto('/providers');
	await page.waitForLoadState('load');
	await recordTiming(page, '/providers');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Providers against the system');
	await expect(page.getByRole('link', { name: 'The Open University' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screenshots/providers.png', fullPage: true });

	await page.context().clearCookies();
	await signIn(page, 'provider');
	await page.getByRole('link', { name: 'My provider' }).click();
	await expect(page).toHaveURL(/\/providers\/[^/]+$/);
	const own = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
	await page.goto(page.url());
	await page.waitForLoadState('load');
	await recordTiming(page, '/providers/[id]');
	const api = await (
		await page.request.get(`/api/metrics/completion?provider=${encodeURIComponent(own)}`)
	).json();
	const all = Array.isArray(api) ? api[0] : api;
	await expect(page.locator('[data-tile="completion"] dd').first()).toHaveText(pct(all.rate));
	await expect(page.locator('[data-panel="withdrawal"] svg[data-chart="lines"] path.line')).toHaveCount(2);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screenshots/provider.png', fullPage: true });

	// A provider never sees the list of providers, nor another provider's page.
	expect((await page.request.get('/providers')).status()).toBe(403);
	const other = await page.request.get('/providers/no-such-provider');
	expect(other.status()).toBe(404);
});

test('a provider that is the whole system says so, and lists its learners by pseudonym, sorted and paged', async ({
	page
}) => {
	await signIn(page, 'provider');
	await page.getByRole('link', { name: 'My provider' }).click();
	await expect(page).toHaveURL(/\/providers\/[^/]+$/);
	const own = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
	// The Open University is every provider of the real data: the page explains the one line.
	const system = await (await page.request.get('/api/metrics/overview')).json();
	const mine = await (
		await page.request.get(`/api/metrics/overview?provider=${encodeURIComponent(own)}`)
	).json();
	expect(mine.enrolments).toBe(system.enrolments);
	await expect(page.locator('[data-whole-system]')).toContainText('every provider in this selection');

	// Unfiltered, the list's total is the Learners tile (the same conditions). It follows no filter
	// but the data origin (narrowed, it would count learner by learner what the figures withhold),
	// and says so when one is set.
	const list = page.locator('[data-section="learners"]');
	await expect(list.locator('[data-learner-total]')).toHaveAttribute(
		'data-learner-total',
		String(mine.learners)
	);
	await expect(page.locator('[data-tile="learners"] dd').first()).toHaveText(
		mine.learners.toLocaleString('en-GB')
	);
	await expect(list.locator('[data-not-filtered]')).toHaveCount(0);
	await page.goto(`${page.url()}?cohort=2013J`);
	await expect(list.locator('[data-learner-total]')).toHaveAttribute(
		'data-learner-total',
		String(mine.learners)
	);
	await expect(list.locator('[data-not-filtered]')).toContainText('Not filtered by cohort');

	// Ordered by completed enrolments: the first row has the most; the next page keeps the order and filter.
	await list.getByRole('link', { name: 'completed', exact: true }).click();
	await expect(page).toHaveURL(/learners=completed/);
	await expect(page).toHaveURL(/cohort=2013J/);
	const completed = await list.locator('tbody tr td:nth-child(3)').allTextContents();
	const numbers = completed.map((t) => Number(t.replace(/,/g, '')));
	expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
	await list.getByRole('link', { name: 'Next' }).click();
	await expect(page).toHaveURL(/learnersPage=2/);
	await expect(list.locator('table caption')).toContainText('page 2 of');
	const second = (await list.locator('tbody tr td:nth-child(3)').allTextContents()).map((t) =>
		Number(t.replace(/,/g, ''))
	);
	expect(Math.max(...second)).toBeLessThanOrEqual(Math.min(...numbers));

	// A row opens that learner's record, as this provider sees it (by pseudonym).
	const first = list.locator('tbody tr').first().getByRole('link');
	const pseudonym = (await first.textContent())!.trim();
	await first.click();
	await expect(page).toHaveURL(new RegExp(`/learners/${pseudonym}$`));
	expect((await page.goto(page.url()))!.status()).toBe(200);
	await page.goBack();
	await expectNoAxeViolations(page);
});
