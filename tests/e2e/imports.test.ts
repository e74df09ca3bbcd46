// An admin uploads a wallet's Verifiable Presentation through /imports: the job's report shows
// the presentation (holder, proof) and each credential it holds with its own VC 2.0 verdict and
// proof, as `stackwise import --json` reports them in files[].documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './auth.ts';

const ob3 = (name: string) =>
	JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/open-badges/ob30', name), 'utf8'));

test('an uploaded presentation lists each enclosed credential with its own verdict and proof', async ({
	page
}) => {
	// Unsigned by its holder; one credential signed by its issuer (did:key), one with no proof.
	const presentation = {
		'@context': ['https://www.w3.org/ns/credentials/v2'],
		type: ['VerifiablePresentation'],
		holder: 'did:example:wallet-holder',
		verifiableCredential: [ob3('simple-did-key-method.json'), ob3('simple-noproof.json')]
	};
	await signIn(page, 'admin');
	await page.goto('/imports');
	await page.getByLabel(/files/i).setInputFiles({
		name: 'wallet-presentation.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(presentation))
	});
	await Promise.all([
		page.waitForURL(/\/imports\/jobs\//),
		page.getByRole('button', { name: /import/i }).click()
	]);
	const documents = page.getByRole('table', { name: /VC 2\.0 verdict and proof/ });
	await expect(documents).toBeVisible({ timeout: 60_000 });
	const rows = documents.locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toContainText('presentation, holder did:example:wallet-holder');
	await expect(rows.nth(0).locator('td').nth(2)).toHaveText(/^unsigned/);
	await expect(rows.nth(1)).toContainText('credential');
	await expect(rows.nth(1).locator('td').nth(2)).toHaveText(/^verified/);
	await expect(rows.nth(2).locator('td').nth(2)).toHaveText(/^unsigned/);
	await page.screenshot({ path: 'test-results/e2e/import-presentation.png', fullPage: true });
});
