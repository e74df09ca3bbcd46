import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signIn } from './auth.ts';

const run = promisify(execFile);

// The learner page's progress bars against `stackwise pathway progress --json`.
//
// The CLI cannot open the e2e server's database: PGlite is one process's database and the running
// server holds its folder's lock (src/lib/server/db/lock.ts). So the CLI gets its own embedded
// database holding the same bundled training.gov.au catalogue (`stackwise import data/tga`, as the
// server's seed does), and is asked about the learner's awarded credentials as listed on the page
// (`--holding`): progress depends on nothing but the catalogue's rules and those holdings. The
// server's other bundled data (OULAD modules, generated learners) adds no rules to that catalogue.
let cliDir: string;
const cli = async (...args: string[]) => {
	const { stdout } = await run('node', ['scripts/stackwise.js', ...args], {
		env: { ...process.env, STACKWISE_DATA_DIR: cliDir, DATABASE_URL: '', STACKWISE_DEMO: '' },
		maxBuffer: 64 * 1024 * 1024
	});
	return stdout;
};

type CliQualification = {
	target: string;
	share: number;
	stillNeeded: number | null;
	neededFromScratch: number | null;
	achieved: boolean;
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(240_000);
	cliDir = mkdtempSync(join(tmpdir(), 'stackwise-e2e-cli-'));
	await cli('import', 'data/tga', '--json');
});

test.afterAll(() => {
	if (cliDir) rmSync(cliDir, { recursive: true, force: true });
});

/** Opens the signed-in learner's own page from the navigation. */
async function openMyPathway(page: Page) {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My pathway' }).click();
	await expect(page).toHaveURL(/\/learners\/[^/?]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My pathway');
}

/** The credentials of the visible suggestions, in order. */
const suggested = (page: Page) => page.locator('.suggestions > ol > li h3 small').allTextContents();

let demoLearnerId = '';

test('an admin sees the id and the pseudonym; a learner whose holdings count toward nothing gets the empty states', async ({
	page
}) => {
	await signIn(page, 'admin');
	const response = await page.goto('/learners/oulad-11391');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learner oulad-11391');
	await expect(page.locator('[data-pseudonym]')).toHaveText(/^L[0-9a-f]+$/);
	await expect(page.locator('[data-generated]')).toHaveCount(0);
	await expect(page.locator('[data-summary]')).toHaveText(
		'This learner holds 1 credential; it does not count toward a qualification in the catalogue.'
	);
	await expect(page.locator('[data-progress-row]')).toHaveCount(0);
	await expect(
		page.getByText('Nothing held counts toward a qualification in the catalogue yet.')
	).toBeVisible();
	await expect(page.getByText('No unfinished qualification to plan for.')).toBeVisible();
});

test("the learner's page: summary, bars equal to the CLI, plans, suggestions and a goal", async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'learner');
	await openMyPathway(page);
	const ownUrl = page.url();

	// Generated learners are labelled; the page names the learner by pseudonym only.
	await expect(page.locator('[data-generated]')).toHaveText(/Generated learner/);
	const pseudonym = decodeURIComponent(new URL(ownUrl).pathname.split('/').pop()!);
	await expect(page.locator('.who code')).toHaveText(pseudonym);
	expect(await page.content()).not.toMatch(/demo-L\d+/);
	await expect(page.locator('[data-summary]')).toHaveText(
		/^You hold \d+ credentials?; .*you are \d+% of the way to .+; the shortest way to finish is \d+ more (unit|credential)s?\.$/
	);

	// Holdings link to the catalogue.
	const holdings = page.locator('[data-holding]');
	expect(await holdings.count()).toBeGreaterThan(0);
	const first = holdings.first();
	await expect(first.getByRole('link')).toHaveAttribute(
		'href',
		`/catalogue/${encodeURIComponent((await first.getAttribute('data-holding'))!)}`
	);

	// Progress bars: the same qualifications, order and numbers as the CLI for the same holdings.
	const awarded = await page
		.locator('[data-holding][data-via="award"]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-holding')!));
	const expected = JSON.parse(await cli('pathway', 'progress', '--holding', awarded.join(','), '--json'))
		.qualifications as CliQualification[];
	expect(expected.length).toBeGreaterThan(0);
	const rows = page.locator('[data-progress-row]');
	await expect(rows).toHaveCount(expected.length);
	for (const [i, q] of expected.entries()) {
		const row = rows.nth(i);
		await expect(row).toHaveAttribute('data-target', q.target);
		expect(Number(await row.getAttribute('data-share'))).toBe(q.share);
		await expect(row).toHaveAttribute('data-still-needed', String(q.stillNeeded ?? ''));
		await expect(row).toHaveAttribute('data-needed-from-scratch', String(q.neededFromScratch ?? ''));
		await expect(row.locator('[data-percent]')).toHaveText(`${Math.round(q.share * 100)}%`);
		await expect(row.getByRole('progressbar')).toHaveAttribute(
			'aria-valuenow',
			String(Math.round(q.share * 100))
		);
	}

	// The shortest way to finish, with its objective.
	const firstOpen = expected.find((q) => !q.achieved && q.stillNeeded !== null)!;
	const plan = page.locator(`[data-plan="${firstOpen.target}"]`);
	await expect(plan.locator('[data-plan-total]')).toContainText('Fewest credentials:');

	// Suggestions with their reasons.
	const suggestions = page.getByRole('region', { name: 'What to take next' });
	await expect(suggestions.locator(':scope > ol > li')).not.toHaveCount(0);
	for (const item of await suggestions.locator(':scope > ol > li').all())
		expect(await item.locator('.reasons li').count()).toBeGreaterThan(0);
	const before = await suggested(page);

	// With no goal, every suggestion leads with the qualification the summary names, or says why not.
	const nearestTitle = (await page.locator('#graph-title').textContent())!
		.replace(/^Your pathway to /, '')
		.trim();
	await expect(page.locator('[data-summary]')).toContainText(`of the way to ${nearestTitle}`);
	for (const item of await suggestions.locator(':scope > ol > li').all()) {
		const reason = (await item.locator('.reasons li').first().textContent())!;
		expect(
			reason.startsWith(`Counts toward ${nearestTitle} (`) ||
				reason.startsWith(`Completes ${nearestTitle} (`) ||
				reason.startsWith(`A prerequisite of what ${nearestTitle}`) ||
				reason.startsWith(`Not toward ${nearestTitle}:`),
			reason
		).toBe(true);
		await expect(item.locator('[data-outlook]')).toHaveCount(1);
	}
	// The goal picker: nearest first, completed qualifications marked.
	const options = await page.locator('#suggestions-goal option').allTextContents();
	const distances = options
		.map((o) => /— (\d+) more credentials? needed$/.exec(o)?.[1])
		.filter(Boolean)
		.map(Number);
	expect(distances.length).toBeGreaterThan(0);
	expect(options[1]).toMatch(/— \d+ more credentials? needed$/);
	expect(distances).toEqual([...distances].sort((a, b) => a - b));
	for (const done of expected.filter((q) => q.achieved))
		expect(options.find((o) => o.includes(`(${done.target})`))).toMatch(/— completed$/);

	// The card pathway is the default view: held → next → the qualification.
	const cards = page.locator('[data-pathway-cards] [data-card]');
	expect(await cards.count()).toBeGreaterThan(1);
	const statuses = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
	expect(statuses.at(-1)).toBe('qualification');
	expect(statuses.join(' ')).toMatch(/^(held )*(next )*qualification$/);
	await expect(cards.last()).toHaveAttribute('data-card', firstOpen.target);

	for (const width of [1440, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await new AxeBuilder({ page }).analyze().then((r) => expect(r.violations).toEqual([]));
	}
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: 'test-results/screenshots/learner.png', fullPage: true });

	// The graph, second view: at its default fit no label is under 12 px (measured on screen), and
	// held / next / qualification differ by shape as well as colour.
	await page.getByRole('button', { name: 'Graph' }).click();
	await expect(page.getByRole('button', { name: 'Graph' })).toHaveAttribute('aria-pressed', 'true');
	for (const width of [1440, 390]) {
		await page.setViewportSize({ width, height: 900 });
		// Each label's on-screen font size: its CSS size times the drawing's scale.
		const sizes = () =>
			page
				.locator('[data-graph-svg] .nodes text')
				.evaluateAll((els) =>
					els.map(
						(e) => (e as SVGGraphicsElement).getScreenCTM()!.a * parseFloat(getComputedStyle(e).fontSize)
					)
				);
		// The first view is set once the frame knows its width.
		await expect.poll(async () => (await sizes()).length).toBeGreaterThan(1);
		await expect.poll(async () => Math.min(...(await sizes()))).toBeGreaterThanOrEqual(12);
		await new AxeBuilder({ page }).analyze().then((r) => expect(r.violations).toEqual([]));
	}
	const legend = page.getByRole('list', { name: 'Legend' });
	await expect(legend.locator('svg.held circle.shape')).toHaveCount(1);
	await expect(legend.locator('svg.next.step path.shape')).toHaveCount(1);
	await expect(legend.locator('svg.qualification rect.shape')).toHaveCount(1);
	await page.setViewportSize({ width: 1280, height: 900 });

	// Setting a goal: the URL carries it (a plain GET form) and the list follows it. The default
	// list is already ranked toward the nearest qualification, so the goal is the next one.
	const goal = expected.filter((q) => !q.achieved && q.stillNeeded !== null)[1] ?? firstOpen;
	await page.getByLabel('Your goal').selectOption(goal.target);
	await Promise.all([
		page.waitForURL((url) => url.searchParams.get('goal') === goal.target),
		page.getByRole('button', { name: 'Show suggestions' }).click()
	]);
	await expect(suggestions.getByText(/^Ranked with your goal/)).toBeVisible();
	await expect(suggestions.locator('.reasons li').first()).toContainText('Counts toward your goal');
	if (goal !== firstOpen) expect(await suggested(page)).not.toEqual(before);

	// The objective keeps the goal, and the plans say which objective they minimise.
	await page.getByLabel('Shortest by').selectOption('hours');
	await Promise.all([
		page.waitForURL((url) => url.searchParams.get('objective') === 'hours'),
		page.getByRole('button', { name: 'Show plans' }).click()
	]);
	expect(new URL(page.url()).searchParams.get('goal')).toBe(goal.target);
	// The bundled training.gov.au units state no workload hours, so the page may say why there is no plan.
	await expect(plan).toContainText(
		/Least workload hours:|No plan by least workload hours: \d+ of the credentials/
	);
	await new AxeBuilder({ page }).analyze().then((r) => expect(r.violations).toEqual([]));

	// Works at 360 px without sideways scrolling.
	await page.setViewportSize({ width: 360, height: 800 });
	// Once the graph frame has followed the new width (a resize observer).
	await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	demoLearnerId = pseudonym;
});

test("a learner opening another learner's page gets 404, by pseudonym or id; their provider sees the pseudonym", async ({
	page
}) => {
	// An admin sees another learner's id and the pseudonym everyone else sees.
	await signIn(page, 'admin');
	await page.goto('/learners/oulad-11391');
	const other = (await page.locator('[data-pseudonym]').textContent())!.trim();
	expect(other).not.toBe(demoLearnerId);
	await page.context().clearCookies();

	// The learner's provider (the Open University) sees the page, named by pseudonym only.
	await signIn(page, 'provider');
	await page.goto(`/learners/${other}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Learner ${other}`);
	expect(await page.content()).not.toContain('oulad-11391');
	await page.context().clearCookies();

	await signIn(page, 'learner');
	for (const key of [other, 'oulad-11391']) {
		const response = await page.goto(`/learners/${encodeURIComponent(key)}`);
		expect(response?.status()).toBe(404);
	}
});

test('every page a learner can open passes axe at 1440 and 390 px', async ({ page }) => {
	// Fourteen pages, each loaded and analysed.
	test.setTimeout(300_000);
	await signIn(page, 'learner');
	// Their own page is where sign-in lands; the rest are every other route the policy opens to them.
	const own = new URL(page.url()).pathname;
	expect(own).toMatch(/^\/learners\//);
	const pages = [
		own,
		'/',
		'/account',
		'/catalogue',
		'/catalogue?q=carpenter',
		'/catalogue/AUR31220',
		'/catalogue/FFF'
	];
	for (const width of [1440, 390]) {
		await page.setViewportSize({ width, height: 900 });
		for (const path of pages) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			await page.waitForLoadState('load');
			const { violations } = await new AxeBuilder({ page }).analyze();
			expect(
				violations.map((v) => `${path} at ${width}px: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)
			).toEqual([]);
		}
	}
});
