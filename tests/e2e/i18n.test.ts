// Stackwise in English, French and Arabic.
// 1. In the pseudo-locale en-XA every message is wrapped in ⟦ ⟧: on every page each role opens, no
//    text a reader meets (text, titles, labels, the document title) is left outside a message,
//    except data marked translate="no" (names, titles, pseudonyms as imported).
// 2. Per language: /system, the learner's page and /catalogue say their lang and dir, write numbers
//    the language's way (the same figure the API returns), never scroll sideways at 1440 and 390 px,
//    and axe finds nothing.
// 3. The switcher keeps the address, the digits setting changes the digits, and a signed-in user's
//    choice follows them to a new browser.
import { expect, test, type Page } from '@playwright/test';
import { signIn, type DemoRole } from './auth.ts';
import { expectNoAxeViolations, expectNoSidewaysScroll, settled } from './page-checks.ts';
import { readSettings } from '../../src/lib/server/config.ts';
import { publishedCount } from '../../src/lib/domain/suppression/policy.ts';
import { intlTag, type Digits, type Language } from '../../src/lib/i18n/choose.ts';

test.describe.configure({ timeout: 900_000 });

/**
 * Chooses the language as the switcher does (a POST to /language): a cookie, and for a signed-in
 * user their account too, which then wins over any cookie; `withLanguage` puts English back after.
 */
async function useLanguage(page: Page, language: Language, digits: Digits = 'native') {
	const response = await page.request.post('/language', {
		form: { language, digits, return: '/' },
		headers: { origin: test.info().project.use.baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `choosing ${language}`).toBe(303);
}

async function withLanguage(page: Page, language: Language, run: () => Promise<void>) {
	await useLanguage(page, language);
	try {
		await run();
	} finally {
		// The shared server's demo accounts go back to English for the other specs.
		await useLanguage(page, 'en');
	}
}

/** Text and read attributes on the page outside any message and outside translate="no". */
function unwrappedText(): string[] {
	const strip = (text: string) => {
		let before;
		do {
			before = text;
			text = text.replace(/⟦[^⟦⟧]*⟧/g, '');
		} while (text !== before);
		return text;
	};
	const words = /\p{L}/u;
	// Data marked translate="no", and text the page declares to be in another language (the
	// importer's and the domain's English, lang="en", shown as they wrote it) are not messages.
	const pageLanguage = document.documentElement.lang;
	const skipped = (element: Element | null) =>
		!element ||
		element.closest('script, style, noscript, template, [translate="no"]') !== null ||
		(element.closest('[lang]')?.getAttribute('lang') ?? pageLanguage) !== pageLanguage;
	const describe = (element: Element) =>
		`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
	const found: string[] = [];
	if (words.test(strip(document.title).replace('Stackwise', ''))) found.push(`<title>: ${document.title}`);
	// A message may hold an element (a link inside a sentence): its text runs across several text
	// nodes, so the page's text is read in document order, joined, and the messages taken out.
	const SEPARATOR = '\u0001';
	const texts: string[] = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode())
		if (!skipped(node.parentElement)) texts.push(node.textContent ?? '');
	for (const rest of strip(texts.join(SEPARATOR)).split(SEPARATOR))
		if (words.test(rest)) found.push(`text: ${rest.trim().slice(0, 120)}`);
	const attributes = [
		'title',
		'aria-label',
		'alt',
		'placeholder',
		'aria-description',
		'aria-roledescription',
		'aria-valuetext'
	];
	for (const element of document.body.querySelectorAll('*')) {
		if (skipped(element)) continue;
		for (const name of attributes) {
			const value = element.getAttribute(name);
			if (value && words.test(strip(value)))
				found.push(`${describe(element)}[${name}]: ${value.slice(0, 120)}`);
		}
		if (
			element instanceof HTMLInputElement &&
			['submit', 'button'].includes(element.type) &&
			words.test(strip(element.value))
		)
			found.push(`${describe(element)}[value]: ${element.value}`);
	}
	return found;
}

async function expectAllTextInMessages(page: Page, path: string) {
	const response = await page.goto(path);
	expect(response?.status(), path).toBeLessThan(500);
	await settled(page);
	// Tables behind a toggle are shown too.
	const toggles = page.locator('button[aria-expanded="false"]');
	for (let i = 0; i < Math.min(await toggles.count(), 20); i++)
		await toggles
			.nth(i)
			.click()
			.catch(() => {});
	expect.soft(await page.evaluate(unwrappedText), path).toEqual([]);
}

/** The first link on `path` whose address starts with `prefix`. */
async function firstLink(page: Page, path: string, prefix: string): Promise<string> {
	await page.goto(path);
	await settled(page);
	const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute('href');
	expect(href, `a link to ${prefix}… on ${path}`).toBeTruthy();
	return href!;
}

const PAGES: Record<DemoRole, string[]> = {
	admin: ['/imports', '/admin/users', '/admin/audit', '/system?data=generated&by=gender&by2=age_band'],
	policymaker: [
		'/system',
		'/system?cohort=2013B&by=disability',
		'/providers',
		'/providers/open-university',
		'/flows',
		'/watch',
		'/policy/what-if',
		'/catalogue',
		'/account',
		'/providers/no-such-provider'
	],
	provider: ['/providers/open-university', '/providers/open-university/quality', '/flows'],
	learner: ['/catalogue', '/account', '/imports']
};

test('in the pseudo-locale, every text each role meets comes from a message', async ({ page }) => {
	await useLanguage(page, 'en-XA');
	for (const path of ['/login', '/']) await expectAllTextInMessages(page, path);
	for (const role of Object.keys(PAGES) as DemoRole[]) {
		await page.context().clearCookies();
		await signIn(page, role);
		await withLanguage(page, 'en-XA', async () => {
			for (const path of PAGES[role]) await expectAllTextInMessages(page, path);
			if (role === 'learner') {
				await page.goto('/');
				const own = await page.getByRole('navigation').locator('a[href^="/learners/"]').getAttribute('href');
				await expectAllTextInMessages(page, own!);
				await expectAllTextInMessages(page, await firstLink(page, '/catalogue', '/catalogue/'));
			}
			if (role === 'admin' && (await page.locator('main a[href^="/imports/"]').count()) > 0)
				await expectAllTextInMessages(page, await firstLink(page, '/imports', '/imports/'));
		});
	}
});

const LANGUAGES: { language: Language; dir: 'ltr' | 'rtl' }[] = [
	{ language: 'en', dir: 'ltr' },
	{ language: 'fr', dir: 'ltr' },
	{ language: 'ar', dir: 'rtl' }
];

for (const { language, dir } of LANGUAGES) {
	test(`${language}: lang and dir, numbers written the language's way, no sideways scroll at 1440 and 390 px, axe clean`, async ({
		page
	}) => {
		const written = (n: number) => new Intl.NumberFormat(intlTag(language, 'native')).format(n);
		const visit = async (path: string) => {
			await page.goto(path);
			await settled(page);
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await expect(page.locator('html')).toHaveAttribute('dir', dir);
		};
		await signIn(page, 'learner');
		await page.goto('/');
		const own = (await page.getByRole('navigation').locator('a[href^="/learners/"]').getAttribute('href'))!;
		for (const [role, paths] of [
			['policymaker', ['/system', '/catalogue']],
			['learner', [own, '/catalogue']]
		] as const) {
			await page.context().clearCookies();
			await signIn(page, role);
			await withLanguage(page, language, async () => {
				if (role === 'policymaker') {
					await page.setViewportSize({ width: 1440, height: 900 });
					await visit('/system');
					// The enrolments the overview API answers (OULAD's 32,593 as the disclosure policy
					// publishes them), in the language's digits and separators.
					const overview = (await (await page.request.get('/api/metrics/overview')).json()) as {
						enrolments: number;
					};
					expect(overview.enrolments).toBe(publishedCount(readSettings().disclosure, 32_593));
					await expect(page.locator('[data-tile="enrolments"] dd')).toHaveText(written(overview.enrolments));
					if (language === 'ar') {
						// Mirrored: the brand is on the right of the navigation.
						const brand = await page.locator('.brand').boundingBox();
						const nav = await page.getByRole('navigation').first().boundingBox();
						expect(brand!.x).toBeGreaterThan(nav!.x);
					}
				}
				for (const width of [1440, 390]) {
					await page.setViewportSize({ width, height: 900 });
					for (const path of paths) {
						await visit(path);
						await expectNoSidewaysScroll(page, `${language} ${path} at ${width} px`);
						await expectNoAxeViolations(page, `${language} ${path} at ${width} px`);
						await page.screenshot({
							path: `test-results/screenshots/i18n-${language}-${role}${path.replace(/\W+/g, '-')}-${width}.png`,
							fullPage: true
						});
					}
				}
			});
		}
	});
}

test('the switcher keeps the address, Arabic digits can be Latin, and an account keeps its language', async ({
	page,
	browser
}) => {
	await signIn(page, 'learner');
	try {
		await page.goto('/catalogue?q=data');
		await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
		await expect(page).toHaveURL(/\/catalogue\?q=data$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		await page.getByRole('combobox', { name: 'Langue' }).selectOption('ar');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('main')).toContainText(/[٠-٩]/);
		await page.getByRole('combobox', { name: 'الأرقام' }).selectOption('latin');
		await expect(page.locator('html')).toHaveAttribute('data-digits', 'latin');
		await expect(page.locator('main')).not.toContainText(/[٠-٩]/);
		await expect(page).toHaveURL(/\/catalogue\?q=data$/);
		// A new browser (no cookie), signed in as the same learner: Arabic, Latin digits.
		const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
		const other = await fresh.newPage();
		await signIn(other, 'learner');
		await other.goto('/catalogue');
		await expect(other.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(other.locator('html')).toHaveAttribute('data-digits', 'latin');
		await fresh.close();
	} finally {
		// The shared server's learner account goes back to English for the other specs.
		await useLanguage(page, 'en');
	}
});
