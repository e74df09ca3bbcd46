// Each demo role sees its own navigation and its own pages, and a learner who opens another
// learner's URL gets 404 — the same answer as for nobody at all — so ids cannot be probed.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoEmail, signIn, type DemoRole } from './auth.ts';

const root = join(import.meta.dirname, '..', '..');

// What the main navigation offers each role (src/routes/+layout.svelte), in order.
const NAVIGATION: Record<DemoRole, string[]> = {
	admin: ['System', 'Providers', 'Flows', 'Watch', 'What-if', 'Catalogue', 'Imports', 'Users', 'Audit log'],
	policymaker: ['System', 'Providers', 'Flows', 'Watch', 'What-if', 'Catalogue'],
	provider: ['System', 'My provider', 'Flows', 'Catalogue'],
	learner: ['My pathway', 'Catalogue']
};

const navLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link');

/** A real OULAD learner's raw id: the first student of the bundled studentInfo.csv. */
function ouladLearnerId(): string {
	const csv = gunzipSync(readFileSync(join(root, 'data', 'oulad', 'studentInfo.csv.gz'))).toString('utf8');
	const [header, first] = csv.split('\n');
	const column = header.split(',').findIndex((h) => h.replace(/"/g, '') === 'id_student');
	return `oulad-${first.split(',')[column].replace(/"/g, '')}`;
}

for (const role of Object.keys(NAVIGATION) as DemoRole[]) {
	test(`${role}: signs in and sees the navigation of the role`, async ({ page }) => {
		await signIn(page, role);
		await expect(navLinks(page)).toHaveText(NAVIGATION[role]);
		await expect(page.getByRole('link', { name: `${role}@demo.stackwise` })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	});
}

test('an email typed before the page’s script arrives is kept when the form hydrates', async ({ page }) => {
	// Hold the app's scripts until the address is typed, as a slow connection would.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Email').fill(demoEmail('policymaker'));
	release();
	// Hydrated: the router has taken the history entry and every module has arrived.
	await page.waitForFunction(() => history.state?.['sveltekit:history'] !== undefined);
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Email')).toHaveValue(demoEmail('policymaker'));
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	await expect(page.getByRole('link', { name: demoEmail('policymaker') })).toBeVisible();
});

test('each role opens its pages and is refused the others', async ({ page }) => {
	await signIn(page, 'policymaker');
	expect((await page.goto('/system'))?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The system at a glance');
	expect((await page.goto('/admin/users'))?.status()).toBe(403);
	expect((await page.goto('/imports'))?.status()).toBe(403);

	await page.context().clearCookies();
	await signIn(page, 'provider');
	await expect(page.getByRole('link', { name: 'My provider' })).toHaveAttribute('href', /^\/providers\/.+/);
	expect((await page.goto('/system'))?.status()).toBe(200);
	expect((await page.goto('/admin/audit'))?.status()).toBe(403);

	await page.context().clearCookies();
	await signIn(page, 'learner');
	expect((await page.goto('/system'))?.status()).toBe(403);
	expect((await page.goto('/admin/users'))?.status()).toBe(403);

	await page.context().clearCookies();
	await signIn(page, 'admin');
	expect((await page.goto('/admin/users'))?.status()).toBe(200);
	for (const r of Object.keys(NAVIGATION))
		await expect(page.getByText(`${r}@demo.stackwise`).first()).toBeVisible();

	// Signed out, a page sends you to sign in and back.
	await page.context().clearCookies();
	await page.goto('/system');
	await expect(page).toHaveURL(/\/login\?next=%2Fsystem$/);
});

test("a learner opening another learner's page gets 404, as for a learner who does not exist", async ({
	page,
	browser
}) => {
	// Another learner's pseudonym, as a provider who teaches them sees it.
	const other = ouladLearnerId();
	const providerContext = await browser.newContext();
	const providerPage = await providerContext.newPage();
	await signIn(providerPage, 'provider');
	const suggestions = await providerPage.request.get(`/api/learners/${other}/recommendations`);
	expect(suggestions.status()).toBe(200);
	const otherPseudonym = (await suggestions.json()).learner as string;
	expect(otherPseudonym).toMatch(/^L[0-9a-f]{16}$/);
	await providerContext.close();

	await signIn(page, 'learner');
	const own = await navLinks(page).filter({ hasText: 'My pathway' }).getAttribute('href');
	expect(own).toMatch(/^\/learners\/L[0-9a-f]{16}$/);
	expect(own).not.toBe(`/learners/${otherPseudonym}`);

	const answers: { status: number | undefined; heading: string }[] = [];
	for (const key of [otherPseudonym, other, 'L0000000000000000']) {
		const response = await page.goto(`/learners/${key}`);
		answers.push({
			status: response?.status(),
			heading: (await page.locator('h1').first().textContent()) ?? ''
		});
		// Asking by pseudonym does not reveal the id, nor the other way round.
		const html = await page.content();
		if (key !== other) expect(html).not.toContain(other);
		if (key !== otherPseudonym) expect(html).not.toContain(otherPseudonym);
	}
	expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
	// Someone else's record and nobody's look the same.
	expect(new Set(answers.map((a) => a.heading)).size).toBe(1);

	// The API says the same.
	for (const key of [otherPseudonym, other])
		expect((await page.request.get(`/api/learners/${key}/recommendations`)).status()).toBe(404);

	// Their own page opens once it is built (the learner page lands on its own branch).
	const ownResponse = await page.goto(own!);
	const built = existsSync(join(root, 'src', 'routes', 'learners', '[id]'));
	expect(ownResponse?.status()).toBe(built ? 200 : 404);
	await page.screenshot({ path: 'test-results/screenshots/roles-learner-404.png', fullPage: true });
});
