// One state for a dashboard's filters, one filter context for its figures: on /system,
// /providers/[id] and /flows, apply several filter combinations, then go back, forward, reset and
// open the URL in a fresh context; after every step each form control shows what the URL says, no
// parameter is empty, and every tile shows what the data endpoints answer for that URL.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './auth.ts';

test.describe.configure({ timeout: 600_000 });

const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
const count = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString('en-GB'));
const days = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v)} days`);

/** What an absent parameter means to each form (the schemas' defaults). */
const DASHBOARD_DEFAULTS: Record<string, string> = { data: 'real', by: 'gender', issuance: 'level' };
const FLOWS_DEFAULTS: Record<string, string> = { data: 'real', kind: 'next' };
let DEFAULTS = DASHBOARD_DEFAULTS;

type Combination = Record<string, string>;

/** Sets the form's controls to a combination (every other control back to its default) and applies. */
async function apply(page: Page, form: string, combination: Combination) {
	const controls = page.locator(`${form} select, ${form} input`);
	for (let i = 0; i < (await controls.count()); i++) {
		const control = controls.nth(i);
		const name = (await control.getAttribute('name'))!;
		const wanted = combination[name] ?? DEFAULTS[name] ?? '';
		const tag = await control.evaluate((el) => el.tagName);
		const type = await control.getAttribute('type');
		if (type === 'checkbox') await control.setChecked(wanted === 'true');
		else if (tag === 'SELECT') await control.selectOption(wanted, { timeout: 10_000 });
		else await control.fill(wanted);
	}
	await page.locator(form).getByRole('button', { name: 'Apply' }).click();
	await page.waitForURL((url) => sameQuery(url.searchParams, combination));
}

const sameQuery = (search: URLSearchParams, combination: Combination) => {
	const given = Object.fromEntries(search);
	const wanted = Object.fromEntries(
		Object.entries(combination).filter(([key, value]) => value !== (DEFAULTS[key] ?? ''))
	);
	return (
		Object.entries(wanted).every(([k, v]) => given[k] === v) &&
		Object.entries(given).every(([k, v]) => wanted[k] === v || DEFAULTS[k] === v)
	);
};

/** Every control of the form holds the URL's value (or the default when the URL has none). */
async function expectControlsFollowUrl(page: Page, form: string) {
	const url = new URL(page.url());
	for (const [key, value] of url.searchParams) expect(value, `empty ?${key}= in ${url}`).not.toBe('');
	await expect(async () => {
		const values = await page.locator(`${form} select, ${form} input`).evaluateAll((els) =>
			els.map((el) => {
				const input = el as HTMLInputElement;
				return [input.name, input.type === 'checkbox' ? String(input.checked) : input.value];
			})
		);
		const search = new URL(page.url()).searchParams;
		for (const [name, value] of values) {
			const fromUrl = search.get(name) ?? DEFAULTS[name] ?? '';
			if (name === 'verifiedOnly') expect(value, name).toBe(String(fromUrl === 'true'));
			else expect(value, `${name} in ${page.url()}`).toBe(fromUrl);
		}
	}).toPass({ timeout: 30_000 });
}

/** The tiles against the data endpoints, asked with the page's own query (plus the provider on its page). */
async function expectTilesFollowApi(page: Page, extra: Combination = {}) {
	const search = new URL(page.url()).searchParams;
	for (const [k, v] of Object.entries(extra)) search.set(k, v);
	const get = async (path: string, overrides: Combination = {}) => {
		const params = new URLSearchParams(search);
		for (const [k, v] of Object.entries(overrides)) params.set(k, v);
		const response = await page.request.get(`${path}?${params}`);
		expect(response.status(), `${path}?${params}`).toBe(200);
		return response.json();
	};
	const [overview, completion, ttc] = await Promise.all([
		get('/api/metrics/overview'),
		get('/api/metrics/completion', { by: '' }),
		get('/api/metrics/time-to-credential', { by: '' })
	]);
	const tile = (key: string) => page.locator(`[data-tile="${key}"] dd`).first();
	const where = page.url();
	await expect(tile('learners'), where).toHaveText(count(overview.learners));
	await expect(tile('enrolments'), where).toHaveText(count(overview.enrolments));
	await expect(tile('awards'), where).toHaveText(count(overview.awards));
	await expect(tile('completion'), where).toHaveText(pct(completion[0].rate));
	// The rate leaves the enrolments still in progress out, and says how many.
	await expect(page.locator('[data-tile="completion"]'), where).toContainText(
		`${count(completion[0].inProgress)} still in progress`
	);
	await expect(tile('median-time'), where).toHaveText(ttc.median ? days(ttc.median.days) : 'Not reached');
	if ((await page.locator('[data-tile="stacking"]').count()) > 0) {
		const stacking = await get('/api/metrics/stacking', { by: '', credential: '' });
		const all = stacking.find((r: { qualification: string | null }) => r.qualification === null);
		await expect(tile('stacking'), where).toHaveText(all?.rate != null ? pct(all.rate) : 'None in this data');
	}
	if ((await page.locator('[data-tile="eu-share"]').count()) > 0) {
		const conformance = await get('/api/metrics/conformance');
		await expect(tile('eu-share'), where).toHaveText(pct(conformance.shares?.eu.share));
	}
}

async function freshPage(browser: Browser, url: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'policymaker');
	await page.goto(url);
	return page;
}

const DASHBOARD_COMBINATIONS: Combination[] = [
	{ cohort: '2013J' },
	{ asOf: '2014-06-30' },
	{ cohort: '2014J', asOf: '2014-12-31' },
	{ cohort: '2014B', by: 'disability', verifiedOnly: 'true' },
	{ data: 'all', asOf: '2014-12-31', issuance: 'none' },
	{ mode: 'online', by: 'age_band', by2: 'gender' }
];

for (const [path, extra] of [
	['/system', {}],
	['/providers/open-university', { provider: 'open-university' }]
] as const) {
	test(`${path}: every control follows the URL and every tile the API, through apply, back, forward, reset and a pasted link`, async ({
		page,
		browser
	}) => {
		const form = 'form[aria-label="Filters"]';
		DEFAULTS = DASHBOARD_DEFAULTS;
		await signIn(page, 'policymaker');
		await page.goto(path);
		await expectControlsFollowUrl(page, form);
		await expectTilesFollowApi(page, extra);
		const visited: string[] = [];
		for (const combination of DASHBOARD_COMBINATIONS) {
			await apply(page, form, combination);
			await expectControlsFollowUrl(page, form);
			await expectTilesFollowApi(page, extra);
			visited.push(page.url());
		}
		// Back through every combination to the first, then forward again.
		for (let i = visited.length - 2; i >= 0; i--) {
			await page.goBack();
			await expect(page).toHaveURL(visited[i]);
			await expectControlsFollowUrl(page, form);
			await expectTilesFollowApi(page, extra);
		}
		await page.goForward();
		await expect(page).toHaveURL(visited[1]);
		await expectControlsFollowUrl(page, form);
		await expectTilesFollowApi(page, extra);

		// Reset: no parameter left, every control at its default; the next Apply brings nothing back.
		await page.locator(form).getByRole('link', { name: 'Reset' }).click();
		await expect(page).toHaveURL(new RegExp(`${path}$`));
		await expectControlsFollowUrl(page, form);
		await expectTilesFollowApi(page, extra);
		await page.locator(form).getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(new RegExp(`${path}\\?data=real&by=gender(&issuance=level)?$`));
		await expectControlsFollowUrl(page, form);

		// A pasted link in a fresh context shows the same controls and figures.
		const fresh = await freshPage(browser, visited[2]);
		await expectControlsFollowUrl(fresh, form);
		await expectTilesFollowApi(fresh, extra);
		await fresh.context().close();
	});
}

test('/flows: every control follows the URL through apply, back, forward, reset and a pasted link', async ({
	page,
	browser
}) => {
	const form = 'form.filters';
	DEFAULTS = FLOWS_DEFAULTS;
	await signIn(page, 'policymaker');
	await page.goto('/flows');
	await expectControlsFollowUrl(page, form);
	// The cohort and provider lists are those of the chosen data origin: the generated data last.
	const combinations: Combination[] = [
		{ from: '2013J', to: '2014B' },
		{ by: 'gender' },
		{ from: '2014B', provider: 'open-university' },
		{ kind: 'toward', to: '2014J' },
		{ data: 'generated', kind: 'toward' }
	];
	const visited: string[] = [];
	for (const combination of combinations) {
		await apply(page, form, combination);
		await expectControlsFollowUrl(page, form);
		visited.push(page.url());
	}
	for (let i = visited.length - 2; i >= 0; i--) {
		await page.goBack();
		await expect(page).toHaveURL(visited[i]);
		await expectControlsFollowUrl(page, form);
	}
	await page.goForward();
	await expectControlsFollowUrl(page, form);
	await page.locator(form).getByRole('link', { name: 'Reset' }).click();
	await expect(page).toHaveURL(/\/flows$/);
	await expectControlsFollowUrl(page, form);
	const fresh = await freshPage(browser, visited[3]);
	await expectControlsFollowUrl(fresh, form);
	await fresh.context().close();
});
