// Signing in as each demo account (the e2e server runs in demo mode: STACKWISE_DEMO=1).
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'stackwise-demo';
export type DemoRole = 'admin' | 'policymaker' | 'provider' | 'learner';
export const demoEmail = (role: DemoRole) => `${role}@demo.stackwise`;

export async function signIn(page: Page, role: DemoRole) {
	await page.goto('/login');
	const email = page.getByLabel('Email');
	const password = page.getByLabel('Password');
	// The form hydrates after its HTML arrives. It used to wipe an email typed before that (CI, a
	// busy machine; roles.test.ts now holds the page to that), so still type until both hold.
	await expect(async () => {
		await email.fill(demoEmail(role));
		await password.fill(DEMO_PASSWORD);
		await expect(email).toHaveValue(demoEmail(role), { timeout: 1_000 });
		await expect(password).toHaveValue(DEMO_PASSWORD, { timeout: 1_000 });
	}).toPass({ timeout: 30_000 });
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
}
