import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { signIn } from './auth.ts';
import { readSettings } from '../../src/lib/server/config.ts';
import { publishedCount } from '../../src/lib/domain/suppression/policy.ts';

test('the system dashboard shows the bundled OULAD figures and a chart with its table', async ({ page }) => {
	// A policymaker sees the headline counts as the disclosure policy publishes them (rounded to 5
	// under the default)…
	const published = (n: number) => publishedCount(readSettings().disclosure, n).toLocaleString('en-GB');
	await signIn(page, 'policymaker');
	await page.goto('/system');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The system at a glance');
	await expect(page.locator('[data-tile="learners"] dd').first()).toHaveText(published(28_785));
	await expect(page.locator('[data-tile="enrolments"] dd')).toHaveText(published(32_593));
	await expect(page.locator('[data-tile="awards"] dd')).toHaveText(published(15_385));
	// …and the administrator the exact figures, counted from OULAD's files by hand.
	await page.context().clearCookies();
	await signIn(page, 'admin');
	await page.goto('/system');
	await expect(page.locator('[data-tile="learners"] dd').first()).toHaveText('28,785');
	await expect(page.locator('[data-tile="enrolments"] dd')).toHaveText('32,593');
	await expect(page.locator('[data-tile="awards"] dd')).toHaveText('15,385');
	await expect(page.locator('[data-tile="completion"] dd').first()).toHaveText('47.2%');

	const chart = page.locator('[data-panel="completion-by-credential"] svg[data-chart="dot-interval"]');
	await expect(chart).toBeVisible();
	const points = chart.locator('g.row');
	await expect(points).toHaveCount(7);
	await expect(chart.locator('circle.dot')).toHaveCount(7);
	// AAA: 531 completed of 748 with a known outcome (counted from OULAD's studentInfo.csv by hand).
	await expect(points.first()).toHaveAttribute('aria-label', /^AAA: 71\.0% \(95% interval .*531 of 748/);

	// Keyboard: the first point takes focus and shows its tooltip.
	await points.first().focus();
	await expect(chart.locator('g.tooltip')).toHaveCount(1);

	// The same numbers in an accessible table beside the chart.
	const table = page.getByRole('table', { name: 'Completion rate by credential (table)' });
	await expect(table.locator('tbody tr')).toHaveCount(7);
	await expect(table.locator('tbody tr').first()).toContainText('AAA');
	await expect(table.locator('tbody tr').first()).toContainText('531');
	await page.screenshot({ path: 'test-results/screenshots/system.png', fullPage: true });
});

test('a national catalogue: the chart draws the largest credentials, tables their first 50 rows, downloads all', async ({
	page
}) => {
	await signIn(page, 'policymaker');
	await page.goto('/system?data=generated');
	const panel = page.locator('[data-panel="completion-by-credential"]');
	// The chart draws the 30 largest credentials of the training.gov.au catalogue, and says so.
	await expect(panel.locator('svg[data-chart="dot-interval"] g.row')).toHaveCount(30);
	const note = panel.getByText(/^The 30 credentials with the most enrolments of known outcome, of [\d,]+;/);
	const total = Number(/of ([\d,]+);/.exec((await note.textContent()) ?? '')![1].replace(/,/g, ''));
	expect(total).toBeGreaterThan(50);
	// The page carries the table's first 50 rows; the data endpoint's CSV has every credential.
	const table = panel.getByRole('table', { name: 'Completion rate by credential (table)' });
	await expect(table.locator('tbody tr')).toHaveCount(50);
	await expect(panel.getByText(`Showing 50 of ${total.toLocaleString('en')} rows.`)).toBeVisible();
	const all = panel.getByRole('link', { name: `All ${total.toLocaleString('en')} (CSV)` });
	const csv = await (await page.request.get((await all.getAttribute('href'))!)).text();
	expect(csv.trim().split('\n')).toHaveLength(total + 1);

	// A table the page holds whole shows 50 rows until the reader asks for all of them.
	const ttc = page.locator('[data-panel="time-to-credential"]');
	await ttc.getByRole('button', { name: 'Show table' }).click();
	const days = ttc.getByRole('table', { name: 'Time to credential by day (table)' });
	await expect(days.locator('tbody tr')).toHaveCount(50);
	const more = ttc.getByText(/^Showing 50 of [\d,]+ rows\./);
	const rows = Number(/of ([\d,]+) rows/.exec((await more.textContent()) ?? '')![1].replace(/,/g, ''));
	expect(rows).toBeGreaterThan(50);
	await ttc.getByRole('button', { name: `Show all ${rows.toLocaleString('en')}` }).click();
	await expect(days.locator('tbody tr')).toHaveCount(rows);
});

test('chart downloads: PNG in the page’s colours, SVG standalone with title, filters, legend, source and suppression note', async ({
	page
}) => {
	await signIn(page, 'policymaker');
	await page.goto('/system?cohort=2013J&issuance=level');
	const panel = page.locator('[data-panel="issuance"]');
	await expect(panel.locator('svg[data-chart="lines"]')).toBeVisible();

	const download = async (name: 'SVG' | 'PNG') => {
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			panel.getByRole('button', { name, exact: true }).click()
		]);
		return readFileSync((await file.path())!);
	};
	const svg = (await download('SVG')).toString('utf8');
	expect(XMLValidator.validate(svg)).toBe(true);
	// Standalone: no stylesheet, no class for one to match, nothing fetched from elsewhere.
	expect(svg).not.toMatch(/<style|stylesheet|<link|@import|class="|href="http/);
	expect(svg).toContain('>Awards issued per quarter by level</text>');
	expect(svg).toContain('Filters: Cohort 2013J · real learners (OULAD)');
	expect(svg).toMatch(
		/Source: Stackwise, OULAD \(Open University Learning Analytics Dataset\)[^<]*, as of \d{4}-\d{2}-\d{2}\./
	);
	expect(svg).toContain('Cells describing fewer than 10 learners are withheld');
	// The legend: one entry per series the page draws, with its colour.
	const series = await panel.locator('.legend li').allTextContents();
	expect(series.length).toBeGreaterThan(0);
	for (const label of series) expect(svg).toContain(`>${label.trim()}</text>`);
	// Every filled shape carries its computed colour: none left to default to black.
	expect(svg).not.toMatch(/fill:\s*rgb\(0, 0, 0\)[^"]*"[^>]*>\s*<\/path>/);

	const png = PNG.sync.read(await download('PNG'));
	expect(png.width).toBeGreaterThan(400);
	let dark = 0;
	for (let i = 0; i < png.data.length; i += 4) {
		const [r, g, b, a] = png.data.subarray(i, i + 4);
		if (a > 0 && r < 40 && g < 40 && b < 40) dark++;
	}
	expect(dark / (png.width * png.height)).toBeLessThan(0.1);
	mkdirSync('test-results/screenshots', { recursive: true });
	writeFileSync('test-results/screenshots/issuance-export.png', PNG.sync.write(png));
});
