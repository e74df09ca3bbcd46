// Bring your own extract on the web (docs/decisions/0014-mapping-profiles-for-wide-extracts.md): an admin uploads a wide student-record file that is
// no template, maps it in the /imports mapping step (live rejected count, value maps), saves the
// profile by name, imports, and /system shows the figures counted by hand from the fixture
// (tests/fixtures/profile/README.md). The saved profile is offered for the next file.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from './auth.ts';

const extract = join(import.meta.dirname, '../fixtures/profile/student-extract.csv');

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

const field = (page: Page, name: string) => page.locator(`tr[data-field="${name}"]`);

test('an admin maps a wide extract on /imports, imports it, and /system shows its figures', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'admin');
	await page.goto('/imports');
	await page.getByLabel('Files').setInputFiles(extract);
	await Promise.all([
		page.waitForURL(/\/imports\/map\//),
		page.getByRole('button', { name: 'Import' }).click()
	]);

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Map the columns of student-extract.csv');
	await expect(
		page.getByText('Read as UTF-8 with BOM, semicolon-separated, CRLF line endings; 9 columns.')
	).toBeVisible();
	// The preview: the first 20 of the 25 rows, under the header as trimmed (the tab gone).
	const preview = page.getByRole('table', { name: 'The first 20 rows of student-extract.csv' });
	await expect(preview.locator('tbody tr')).toHaveCount(20);
	await expect(
		preview.getByRole('columnheader', { name: 'Daytime/evening attendance', exact: true })
	).toBeVisible();

	// The draft guessed the outcome and its map, the coded gender column, and the row number as id.
	await expect(page.getByLabel('status: comes from')).toHaveValue('col:Target');
	await expect(page.getByLabel('gender: comes from')).toHaveValue('col:Gender');
	await expect(page.getByLabel('learner_id: comes from')).toHaveValue('row');
	// Dates are not in the file: the draft's placeholders reject every row until they are given.
	const count = page.getByTestId('live-count');
	await expect(count).toContainText('25 of 25 rows would be rejected');
	await expect(count).toContainText('field started_on: "YYYY-MM-DD" is not a date');

	await field(page, 'started_on').getByLabel('started_on: value').fill('2019-09-16');
	await field(page, 'ended_on').getByLabel('ended_on: value').fill('2022-07-31');
	await page.getByLabel('provider_id: value').fill('harbour-poly');
	await page.getByLabel('learner_id: prefix').fill('harbour-');
	await page.getByLabel('credential_id: prefix').fill('harbour-');
	await page.getByLabel('gender: 0 means').fill('F');
	await page.getByLabel('gender: 1 means').fill('M');
	// One outcome, "Transfer", is left unmapped: that row alone would be rejected, and why is said.
	await expect(page.getByLabel('status: Transfer means')).toHaveValue('');
	await expect(count).toContainText('1 of 25 rows would be rejected');
	await expect(count).toContainText(
		'1 × field status: "Transfer" (column "Target") is not in the profile\'s map'
	);
	await expect(count).toContainText('(first on line 14)');
	await expectNoAxeViolations(page);

	await page.getByLabel('Profile name').fill('Harbour registry extract');
	await Promise.all([
		page.waitForURL(/\/imports\/jobs\//),
		page.getByRole('button', { name: 'Import with this mapping' }).click()
	]);
	const report = page.locator('section.report');
	// One row of 25 is rejected (its outcome is not in the map): the import says so, not "succeeded".
	await expect(report.locator('h2')).toContainText('(profile): partly stored: 24 of 25 rows');
	const row = report.locator('tbody tr').first();
	await expect(row).toContainText('UTF-8 with BOM, semicolon-separated, CRLF line endings');
	await expect(row.locator('td.num')).toHaveText(['25', '24', '1']);
	await expect(report).toContainText('line 14, field status');

	// /system for this provider, by gender: 12 of 19 overall (63.2%), 5 in progress;
	// F 7 of 10, M 5 of 9 (counted by hand from the fixture).
	await page.goto('/system?provider=harbour-poly&by=gender');
	await expect(page.locator('[data-tile="learners"] dd')).toHaveText('24');
	await expect(page.locator('[data-tile="enrolments"] dd')).toHaveText('24');
	await expect(page.locator('[data-tile="completion"] dd').first()).toHaveText('63.2%');
	const equity = page.locator('[data-panel="equity"]');
	await equity.getByRole('button', { name: 'Show table' }).click();
	const rows = equity.getByRole('table', { name: 'Completion by group (table)' }).locator('tbody tr');
	// Group, completed, known outcome, in progress, rate.
	const firstCells = async () =>
		(await rows.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 5).map((c) => c.textContent?.trim()))
		)) as string[][];
	await expect.poll(firstCells).toEqual(
		expect.arrayContaining([
			['F', '7', '10', '2', '70.0%'],
			['M', '5', '9', '3', '55.6%']
		])
	);
	await page.screenshot({ path: 'test-results/screenshots/system-extract.png', fullPage: true });

	// The next file: the saved profile is offered on the upload form and preselected in the mapping step.
	await page.goto('/imports');
	await expect(page.getByLabel('Mapping profile')).toContainText('Harbour registry extract');
	await page.getByLabel('Files').setInputFiles(extract);
	await Promise.all([
		page.waitForURL(/\/imports\/map\//),
		page.getByRole('button', { name: 'Import' }).click()
	]);
	await expect(page.getByLabel('Profile name')).toHaveValue('Harbour registry extract');
	await expect(page.getByLabel('gender: 1 means')).toHaveValue('M');
	await expect(count).toContainText('1 of 25 rows would be rejected');
});
