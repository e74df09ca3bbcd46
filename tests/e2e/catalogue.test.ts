import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './auth.ts';

// AUR31220 Certificate III in Mobile Plant Technology (training.gov.au, vendored under data/tga):
// packaging rules "36 units: 9 core, 27 elective", and all of one of Group A, B or C — an elective
// pool and a nested choice, so it exercises every part of the tree.
const QUALIFICATION = 'AUR31220';

type Requirement = {
	id: string;
	parent: string | null;
	rule: 'all' | 'n_of' | 'min_credits';
	n: number | null;
	minCredits: number | null;
	members: string[];
};

/** The rule text the page should show for a group of the CLI/API JSON (nested groups count as one). */
function expectedRuleText(g: Requirement, all: Requirement[]) {
	const size = g.members.length + all.filter((c) => c.parent === g.id).length;
	if (g.rule === 'all') return `all ${size}`;
	if (g.rule === 'n_of') return `${g.n} of ${size}`;
	return `at least ${g.minCredits} credits from ${size}`;
}

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page) {
	await page.setViewportSize({ width: 360, height: 800 });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('a learner finds the obvious qualifications by a near word or two words, and narrows by facet', async ({
	page
}) => {
	await signIn(page, 'learner');
	await page.goto('/catalogue');
	await page.getByRole('searchbox', { name: 'Search' }).fill('carpenter');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/\?q=carpenter/);
	await expect(page.locator('[data-result]').first()).toHaveAttribute('data-result', 'CPC30220');
	await expect(page.locator('[data-result="CPC30220"]')).toContainText('Certificate III in Carpentry');

	await page.goto('/catalogue?q=licence+crane');
	await expect(page.locator('[data-result="CPC32920"]')).toContainText(
		'Certificate III in Construction Crane Operations'
	);
	await expect(page.locator('[data-result]').first()).toContainText(/Licence to operate .*crane/i);
	// The kind facet: a link that keeps the query, and counts what it leaves.
	const facet = page.locator('[data-facet="kind"]');
	const link = facet.getByRole('link', { name: 'Qualifications (with requirements)' });
	const count = Number(
		(await link.locator('xpath=following-sibling::span').textContent())!.replace(/\D/g, '')
	);
	await link.click();
	await expect(page).toHaveURL(/q=licence\+crane.*kind=qualification|kind=qualification.*q=licence\+crane/);
	await expect(page.locator('[data-result]')).toHaveCount(count);
	await expect(page.locator('[data-result="CPC32920"]')).toBeVisible();
	for (const width of [1440, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoAxeViolations(page);
	}
});

test('a policymaker searches the catalogue; the search lives in the URL', async ({ page }) => {
	await signIn(page, 'policymaker');
	await page.goto('/catalogue');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalogue');
	const everything = Number(await page.locator('[data-count]').getAttribute('data-count'));
	expect(everything).toBeGreaterThan(100);

	await page.getByRole('searchbox', { name: 'Search' }).fill('mobile plant');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/\?q=mobile\+plant/);
	await expect(page.locator(`[data-result="${QUALIFICATION}"]`)).toBeVisible();
	await expect(page.locator('[data-count]')).toContainText('match “mobile plant”');

	// The kind filter narrows to qualifications, and a copied link gives the same view.
	await page.getByLabel('Kind').selectOption('qualification');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/kind=qualification/);
	const qualifications = Number(await page.locator('[data-count]').getAttribute('data-count'));
	expect(qualifications).toBeGreaterThanOrEqual(1);
	await expect(page.locator('[data-result]')).toHaveCount(qualifications);
	await expect(page.locator(`[data-result="${QUALIFICATION}"]`)).toContainText('has requirements');
	const shared = page.url();
	await page.goto('/catalogue');
	await page.goto(shared);
	await expect(page.locator('[data-result]')).toHaveCount(qualifications);
	await expect(page.getByLabel('Kind')).toHaveValue('qualification');

	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screenshots/catalogue.png', fullPage: true });
	await expectNoHorizontalOverflow(page);

	// Empty state.
	await page.goto('/catalogue?q=no-such-credential-anywhere');
	await expect(page.locator('[data-count]')).toHaveAttribute('data-count', '0');
	await expect(page.getByText('No credentials match')).toBeVisible();
	await expect(page.getByRole('link', { name: 'clear the search' })).toBeVisible();

	await page.goto(shared);
	await page.locator(`[data-result="${QUALIFICATION}"] a`).click();
	await expect(page).toHaveURL(new RegExp(`/catalogue/${QUALIFICATION}$`));
});

test('a learner reads a qualification: the tree matches the CLI JSON, the graph works by keyboard', async ({
	page
}) => {
	// axe over a page with a hundred-node graph takes tens of seconds on a busy machine.
	test.setTimeout(180_000);
	await signIn(page, 'learner');
	// The API answers with exactly what `stackwise catalogue show AUR31220 --json` prints.
	const response = await page.request.get(`/api/catalogue/${QUALIFICATION}`);
	expect(response.status()).toBe(200);
	const detail = (await response.json()) as { id: string; title: string; requirements: Requirement[] };
	expect(detail.id).toBe(QUALIFICATION);

	await page.goto(`/catalogue/${QUALIFICATION}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(detail.title);

	// The tree: one entry per requirement group, each with the CLI's counts.
	const groups = page.locator('[data-group]');
	await expect(groups).toHaveCount(detail.requirements.length);
	for (const g of detail.requirements)
		await expect(page.locator(`[data-group="${g.id}"] > .group-head [data-rule-text]`)).toHaveText(
			expectedRuleText(g, detail.requirements)
		);
	// And the packaging rules' own numbers: 9 core units, 27 electives, one of Group A/B/C.
	await expect(
		page.locator(`[data-group="${QUALIFICATION}/core"] > .group-head [data-rule-text]`)
	).toHaveText('all 9');
	await expect(
		page.locator(`[data-group="${QUALIFICATION}/electives"] > .group-head [data-rule-text]`)
	).toHaveText(/^27 of \d+$/);
	await expect(
		page.locator(`[data-group="${QUALIFICATION}/one-of-a-b-c"] > .group-head [data-rule-text]`)
	).toHaveText('1 of 3');
	await expect(page.locator(`[data-group="${QUALIFICATION}/one-of-a-b-c"] [data-group]`)).toHaveCount(3);

	// The graph: every requirement group and distinct member is a node, plus the qualification.
	const svg = page.locator('svg[data-graph-svg]');
	await expect(svg).toBeVisible();
	const members = new Set(detail.requirements.flatMap((g) => g.members));
	await expect(svg.locator('[data-node]')).toHaveCount(1 + detail.requirements.length + members.size);
	await expect(svg.locator('path.edge').first()).toBeAttached();

	// Keyboard: Tab from the last control lands on the qualification's node, arrows move along.
	await page.getByRole('button', { name: 'Fit' }).focus();
	await page.keyboard.press('Tab');
	const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
	expect(await focusedLabel()).toContain(QUALIFICATION);
	expect(await page.evaluate(() => document.activeElement?.getAttribute('data-node'))).toBe(QUALIFICATION);
	// Visible focus: the ring drawn around the focused node.
	const ringStroke = await page.evaluate(
		() => getComputedStyle(document.activeElement!.querySelector('.ring')!).stroke
	);
	expect(ringStroke).not.toBe('none');
	await page.keyboard.press('ArrowLeft');
	expect(await focusedLabel()).toMatch(/^Requirement group/);
	// Further left through nested groups to the units.
	for (let i = 0; i < 4 && /^Requirement group/.test(await focusedLabel()); i++)
		await page.keyboard.press('ArrowLeft');
	const unitLabel = await focusedLabel();
	expect(unitLabel).not.toMatch(/^Requirement group/);
	await page.keyboard.press('ArrowDown');
	expect(await focusedLabel()).not.toBe(unitLabel);
	// Still one Tab stop: Tab leaves the graph.
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-node'))).toBe(false);

	// The text alternative lists every node.
	await page.getByText(/as a list$/).click();
	await expect(page.locator('[data-list-node]')).toHaveCount(1 + detail.requirements.length + members.size);

	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/screenshots/catalogue-qualification.png', fullPage: true });
	await expectNoHorizontalOverflow(page);

	// A unit's page says what it counts toward.
	const unit = detail.requirements.find((g) => g.id === `${QUALIFICATION}/core`)!.members[0];
	await page.goto(`/catalogue/${unit}`);
	await expect(page.locator('[data-section="counts-toward"]')).toContainText(QUALIFICATION);
	await expect(page.locator('[data-section="requirements"]')).toHaveCount(0);
	await expect(page.locator('svg[data-graph-svg] [data-node="AUR31220"]')).toBeAttached();
	await expectNoAxeViolations(page);
	await expectNoHorizontalOverflow(page);
	await page.screenshot({ path: 'test-results/screenshots/catalogue-unit-360.png', fullPage: true });
});

test('unknown credentials are 404 on the page and the API', async ({ page }) => {
	await signIn(page, 'learner');
	const pageResponse = await page.goto('/catalogue/NO-SUCH-ID');
	expect(pageResponse?.status()).toBe(404);
	const apiResponse = await page.request.get('/api/catalogue/NO-SUCH-ID');
	expect(apiResponse.status()).toBe(404);
});

test('a credential people took shows its outcomes: the figures of its dashboard and the API', async ({
	page
}) => {
	const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
	await signIn(page, 'policymaker');
	// FFF: an OULAD module (real learners, every cohort).
	await page.goto('/catalogue/FFF');
	const outcomes = page.locator('[data-section="outcomes"]');
	await expect(outcomes).toContainText('real learners (OULAD)');
	const overview = await (await page.request.get('/api/metrics/overview?credential=FFF')).json();
	expect(overview.enrolments).toBeGreaterThan(0);
	for (const key of ['learners', 'enrolments', 'awards'] as const)
		await expect(outcomes.locator(`[data-tile="${key}"] dd`).first()).toHaveText(
			overview[key].toLocaleString('en-GB')
		);
	const rows = await (await page.request.get('/api/metrics/completion?credential=FFF')).json();
	const completion = Array.isArray(rows) ? rows[0] : rows;
	const rate = pct(completion.rate);
	await expect(outcomes.locator('[data-tile="completion"] dd').first()).toHaveText(rate);
	await outcomes.screenshot({ path: 'test-results/screenshots/catalogue-outcomes.png' });

	// Its link opens the dashboard narrowed to it, which says the same.
	await outcomes.locator('[data-outcomes-link]').click();
	await expect(page).toHaveURL(/\/system\?credential=FFF$/);
	await expect(page.locator('[data-tile="completion"] dd').first()).toHaveText(rate);
	await expect(page.locator('[data-tile="enrolments"] dd').first()).toHaveText(
		overview.enrolments.toLocaleString('en-GB')
	);

	// A training.gov.au unit (AHCSAW201) is taken only by generated learners: its outcomes say so,
	// give the generated data's figures, and link to that dashboard.
	await page.goto('/catalogue/AHCSAW201');
	const tga = page.locator('[data-section="outcomes"]');
	await expect(tga).toContainText('generated demo learners');
	await expect(tga.locator('[data-outcomes-link]')).toHaveAttribute('href', /data=generated/);
	const generated = await (
		await page.request.get('/api/metrics/completion?credential=AHCSAW201&data=generated')
	).json();
	await expect(tga.locator('[data-tile="completion"] dd').first()).toHaveText(
		pct((Array.isArray(generated) ? generated[0] : generated).rate)
	);
	await expectNoAxeViolations(page);
});

test('a learner sees no aggregate outcomes on a catalogue page', async ({ page }) => {
	await signIn(page, 'learner');
	await page.goto('/catalogue/FFF');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('[data-section="outcomes"]')).toHaveCount(0);
});
