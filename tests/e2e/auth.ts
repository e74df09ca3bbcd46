// Signing in as each demo account (the e2e server runs in demo mode: STACKWISE_DEMO=1).
import type { Page } from '@playwright/test';

export const DEMO_PASSWORD = 'stackwise-demo';
export type DemoRole = 'admin' | 'policymaker' | 'provider' | 'learner';
export const demoEmail = (role: DemoRole) => `${role}@demo.stackwise`;

export async function signIn(page: Page, role: DemoRole) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(demoEmail(role));
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
}
