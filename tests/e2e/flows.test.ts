import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './auth.ts';
import { readSettings } from '../../src/lib/server/config.ts';
import { publishedCount } from '../../src/lib/domain/suppression/policy.ts';

// The flow Sankey on /flows: drawn from the bundled OULAD registrations, filters in the
// URL, the table and CSV behind it, keyboard tooltips, and providers kept to their own learners.
// Each test visits the page a dozen times; the embedded database on a busy machine needs more
// than the default minute.
test.describe.configure({ timeout: 180_000 });

const chart = (page: Page) => page.locator('[data-panel="flows"] svg[data-chart="sankey"]');
const links = (page: Page) => chart(page).locator('path.link');
const linkLabels = async (page: Page) =>
	(await links(page).evaluateAll((paths) => paths.map((p) => p.getAttribute('aria-label')))).sort();
const withheldCount = async (page: Page) =>
	Number((await page.locator('details[data-withheld]').getAttribute('data-withheld')) ?? 0);

test('the policymaker reads, filters, shares and downloads the flow Sankey', async ({ page }) => {
	await signIn(page, 'policymaker');
	await page.goto('/flows');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Observed flows between credentials');
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		'Where learners went next after each credential'
	);
	await expect(chart(page)).toBeVisible();
	const drawn = await links(page).count();
	expect(drawn).toBeGreaterThan(5);
	// Every band names its flow. OULAD's busiest step is CCC then EEE: 606 distinct learners (the
	// per-cohort rows of /api/flows, 327 in 2014B and 287 in 2014J, add to more: a learner counted
	// in both cohorts is one learner here), published as the app's disclosure policy publishes a count
	// (605 under the default, which rounds to 5).
	const busiest = String(publishedCount(readSettings().disclosure, 606));
	await expect(links(page).first()).toHaveAttribute('aria-label', `CCC → EEE: ${busiest} learners`);
	const withheld = await withheldCount(page);
	expect(withheld).toBeGreaterThan(0);
	await page.locator('details[data-withheld] summary').click();
	await expect(page.locator('details[data-withheld] li').first()).toHaveText(/→ .*: suppressed \(<10\)$/);
	const initial = await linkLabels(page);

	// The table behind the chart: one row per flow, drawn and suppressed.
	await page.getByRole('button', { name: 'Show table' }).click();
	const table = page.getByRole('table', { name: 'Where learners went next after each credential (table)' });
	await expect(table.locator('tbody tr')).toHaveCount(drawn + withheld);
	await expect(table.locator('tbody tr').first()).toContainText('CCC');
	await expect(table.locator('tbody tr').first()).toContainText(busiest);
	await expect(table.locator('tbody tr', { hasText: 'suppressed (<10)' })).toHaveCount(withheld);

	// CSV of the same rows.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe('flows.csv');
	const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
	expect(lines[0]).toBe('from,to,kind,learners,suppressed');
	expect(lines).toHaveLength(1 + drawn + withheld);
	expect(lines[1]).toBe(`CCC,EEE,next,${busiest},`);
	await page.getByRole('button', { name: 'Show chart' }).click();

	// The drawing itself, as SVG: one band per drawn flow (styles inlined, classes dropped: each
	// band keeps its label).
	const [svgDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'SVG', exact: true }).click()
	]);
	expect(svgDownload.suggestedFilename()).toBe('flows.svg');
	const svgText = await readFile((await svgDownload.path())!, 'utf8');
	expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svgText.match(/<path [^>]*aria-label="[^"]* → [^"]*: [^"]*learners"/g)).toHaveLength(drawn);

	// Keyboard: tab from the filters' last control (Reset) onto the first band and read its tooltip.
	await page.getByRole('link', { name: 'Reset', exact: true }).focus();
	await page.keyboard.press('Tab');
	await expect(links(page).first()).toBeFocused();
	const tooltip = chart(page).locator('[data-tooltip]');
	await expect(tooltip).toHaveCount(1);
	await expect(tooltip).toHaveText((await links(page).first().getAttribute('aria-label'))!);
	await page.keyboard.press('Tab');
	await expect(links(page).nth(1)).toBeFocused();
	await expect(tooltip).toHaveText((await links(page).nth(1).getAttribute('aria-label'))!);

	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
	await page.screenshot({ path: 'test-results/screenshots/flows.png', fullPage: true });

	// A filter changes the URL and the chart.
	await page.getByLabel('Cohort from').selectOption('2014B');
	await Promise.all([page.waitForURL(/[?&]from=2014B/), page.getByRole('button', { name: 'Apply' }).click()]);
	await expect(page.locator('[data-panel="flows"] .subtitle')).toContainText('cohorts from 2014B');
	const later = await linkLabels(page);
	expect(later.length).toBeGreaterThan(0);
	expect(later).not.toEqual(initial);

	// The shared link gives the same view, and back/forward move between the two.
	const shared = page.url();
	await page.goto(shared);
	await expect(page.getByLabel('Cohort from')).toHaveValue('2014B');
	expect(await linkLabels(page)).toEqual(later);
	await page.goBack();
	await expect(page).toHaveURL(/\/flows$/);
	await expect(page.getByLabel('Cohort from')).toHaveValue('');
	await expect.poll(() => linkLabels(page)).toEqual(initial);
	await page.goForward();
	await expect(page).toHaveURL(shared);
	await expect.poll(() => linkLabels(page)).toEqual(later);

	// One cohort: the same figures as the data endpoint's rows for that cohort.
	await page.goto('/flows?from=2014J&to=2014J');
	await expect(page.locator('[data-panel="flows"] .subtitle')).toContainText('cohort 2014J');
	const api = (await (await page.request.get('/api/flows')).json()) as {
		kind: string;
		from: string;
		to: string;
		cohort: string;
		count: number | null;
	}[];
	const published = api.filter((r) => r.kind === 'next' && r.cohort === '2014J' && r.count !== null);
	expect(published.length).toBeGreaterThan(0);
	expect(await linkLabels(page)).toEqual(
		published.map((r) => `${r.from} → ${r.to}: ${r.count!.toLocaleString('en-GB')} learners`).sort()
	);
	expect(await withheldCount(page)).toBe(
		api.filter((r) => r.kind === 'next' && r.cohort === '2014J' && r.count === null).length
	);
	// The cohorts counted together: the page's own rows (every published flow is drawn here).
	const combined = (await (
		await page.request.get('/api/flows?kind=next&cohorts=combined')
	).json()) as typeof api;
	expect(combined.every((r) => r.cohort === null)).toBe(true);
	expect(
		combined
			.filter((r) => r.count !== null)
			.map((r) => `${r.from} → ${r.to}: ${r.count!.toLocaleString('en-GB')} learners`)
			.sort()
	).toEqual(initial);
	expect(combined.filter((r) => r.count === null)).toHaveLength(withheld);
	// One kind from the endpoint: the same rows as that kind's of both.
	const next = await page.request.get('/api/flows?kind=next');
	expect(await next.json()).toEqual(api.filter((r) => r.kind === 'next'));
	expect((await page.request.get('/api/flows?kind=sideways')).status()).toBe(400);
	// A page at a time, in the same order: the total and the next page in the headers.
	const first = await page.request.get('/api/flows?limit=5');
	expect(await first.json()).toEqual(api.slice(0, 5));
	expect(first.headers()['x-total-count']).toBe(String(api.length));
	expect(first.headers()['link']).toBe('</api/flows?limit=5&offset=5>; rel="next"');
	expect(await (await page.request.get('/api/flows?limit=5&offset=5')).json()).toEqual(api.slice(5, 10));
	expect((await page.request.get('/api/flows?kind=next&limit=5')).headers()['link']).toBe(
		'</api/flows?kind=next&limit=5&offset=5>; rel="next"'
	);
	const last = await page.request.get(`/api/flows?offset=${api.length - 2}&format=csv`);
	expect((await last.text()).trim().split('\n')).toHaveLength(1 + 2);
	expect(last.headers()['link']).toBeUndefined();
	expect((await page.request.get('/api/flows?limit=0')).status()).toBe(400);

	// Group filter: learners of one gender, and the generated demo data labelled as such.
	await page.goto('/flows?by=gender');
	await expect(page.getByLabel('Group', { exact: true })).toBeVisible();
	await page.getByLabel('Group', { exact: true }).selectOption('F');
	await Promise.all([page.waitForURL(/group=F/), page.getByRole('button', { name: 'Apply' }).click()]);
	await expect(page.locator('[data-panel="flows"] .subtitle')).toContainText('Gender: F');
	expect(await links(page).count()).toBeGreaterThan(0);
	await page.goto('/flows?data=generated&kind=toward');
	await expect(page.locator('[data-panel="flows"] .subtitle')).toContainText(
		'Generated demo data (synthetic learners, not real people)'
	);
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		'Which qualifications learners achieved after each credential'
	);
	expect(await links(page).count()).toBeGreaterThan(0);
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

	// A phone: the page fits 360 px and the chart scrolls sideways inside its own box.
	await page.setViewportSize({ width: 360, height: 780 });
	await page.goto('/flows');
	await expect(links(page).first()).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const box = page.locator('[data-panel="flows"] .scroll');
	expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test('a provider sees only the flows of their own learners', async ({ page, browser }) => {
	// What the policymaker sees, for comparison: OULAD's one provider, and the generated providers.
	const policymaker = await browser.newPage();
	await signIn(policymaker, 'policymaker');
	await policymaker.goto('/flows?data=generated');
	const generatedProvider = await policymaker
		.getByLabel('Provider')
		.locator('option:not([value=""])')
		.first()
		.getAttribute('value');
	expect(generatedProvider).toBeTruthy();
	expect(await links(policymaker).count()).toBeGreaterThan(0);

	await signIn(page, 'provider');
	await page.goto('/flows');
	const own = page.locator('.own strong');
	await expect(own).not.toBeEmpty();
	// No way to pick another provider: the scope is theirs.
	await expect(page.getByLabel('Provider')).toHaveCount(0);
	await expect(page.locator('[data-panel="flows"] .subtitle')).toContainText(await own.innerText());
	const mine = await linkLabels(page);
	expect(mine.length).toBeGreaterThan(0);

	// The same flows as the policymaker's view filtered to that provider.
	await policymaker.goto('/flows');
	const ownOption = policymaker.getByLabel('Provider').locator('option', { hasText: await own.innerText() });
	await policymaker.goto(`/flows?provider=${encodeURIComponent((await ownOption.getAttribute('value'))!)}`);
	expect(await linkLabels(policymaker)).toEqual(mine);

	// Generated learners belong to other providers: none of their flows reach this provider, even
	// when the URL asks for another provider.
	await page.goto(`/flows?data=generated&provider=${encodeURIComponent(generatedProvider!)}`);
	await expect(page.locator('[data-panel="flows"]')).toContainText('No flows for this selection');
	await expect(links(page)).toHaveCount(0);
	await policymaker.close();
});

test('many flows: the page carries the largest, the download has every one', async ({ page }) => {
	await signIn(page, 'policymaker');
	await page.goto('/flows?data=generated');
	await expect(chart(page)).toBeVisible();
	// The generated demo learners take more steps than a page shows: 40 bands, a table of 50.
	await expect(links(page)).toHaveCount(40);
	await page.getByRole('button', { name: 'Show table' }).click();
	const table = page.getByRole('table', { name: 'Where learners went next after each credential (table)' });
	const shown = await table
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim()))
		);
	const more = page.getByText(/^Showing \d+ of [\d,]+ rows\./);
	const [, showing, total] = (await more.innerText()).match(/^Showing (\d+) of ([\d,]+) rows/)!;
	expect(Number(showing)).toBe(shown.length);
	const all = page.getByRole('link', { name: /^All [\d,]+ \(CSV\)$/ });
	const href = (await all.getAttribute('href'))!;
	expect(href).toContain('cohorts=combined');
	expect(await page.locator('a.download').getAttribute('href')).toBe(href);

	const csv = (await (await page.request.get(href)).text()).trimEnd().split('\r\n');
	expect(csv[0]).toBe('kind,from,to,cohort,group,count,suppressed');
	const rows = csv.slice(1).map((line) => {
		const [kind, from, to, , , count, suppressed] = line.split(',');
		return { kind, from, to, count: count === '' ? null : Number(count), suppressed };
	});
	expect(rows.length).toBe(Number(total.replace(/,/g, '')));
	expect(rows.length).toBeGreaterThan(shown.length);
	expect(rows.every((r) => r.kind === 'next')).toBe(true);
	// The table's published rows are the largest of the download's, with the same counts; its
	// withheld ones are withheld there too.
	const count = new Map(rows.map((r) => [`${r.from}|${r.to}`, r.count]));
	for (const [from, to, , learners] of shown)
		expect(count.get(`${from}|${to}`)).toBe(learners === '—' ? null : Number(learners.replace(/,/g, '')));
	const publishedShown = shown.filter((r) => r[3] !== '—');
	expect(publishedShown.length).toBe(50);
	const inTable = new Set(publishedShown.map(([from, to]) => `${from}|${to}`));
	const smallestShown = Math.min(...publishedShown.map((r) => Number(r[3].replace(/,/g, ''))));
	const largestLeft = Math.max(
		...rows.filter((r) => !inTable.has(`${r.from}|${r.to}`)).map((r) => r.count ?? 0)
	);
	expect(smallestShown).toBeGreaterThanOrEqual(largestLeft);
	const published = rows.filter((r) => r.count !== null).length;
	await page.getByRole('button', { name: 'Show chart' }).click();
	await expect(
		page.getByText(`The 40 largest flows are drawn; ${(published - 40).toLocaleString('en-GB')} smaller`)
	).toBeVisible();
});
