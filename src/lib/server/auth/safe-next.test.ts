// Where sign-in sends someone next: a same-origin path, parsed as a URL as
// the browser will parse it, and never one holding control characters (ASVS 5.1.5).
import { describe, expect, it } from 'vitest';
import { safeNext } from './sign-in.ts';

describe('safeNext', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(safeNext('/admin/audit')).toBe('/admin/audit');
		expect(safeNext('/system?by=gender&asOf=2014-12-31#equity')).toBe(
			'/system?by=gender&asOf=2014-12-31#equity'
		);
		expect(safeNext('/learners/p%2F1')).toBe('/learners/p%2F1');
	});

	it('refuses a path the browser reads as another host (tab, backslash, double slash)', () => {
		for (const next of [
			'/\t/evil.example/phish',
			'/\t\t/evil.example/',
			'\t//evil.example/',
			'//evil.example/',
			'/.//evil.example/',
			'/\\evil.example/',
			'\\/evil.example/',
			'https://evil.example/',
			'http:evil.example',
			'javascript:alert(1)',
			' /system'
		])
			expect(safeNext(next), JSON.stringify(next)).toBeNull();
	});

	it('refuses control characters anywhere (a CR or LF would split the Location header)', () => {
		for (const next of ['/system\r\nSet-Cookie: a=b', '/system\n', '/sys\0tem', '/system\x7f', '/a\u0085b'])
			expect(safeNext(next), JSON.stringify(next)).toBeNull();
	});

	it('refuses nothing, empty and over-long values', () => {
		expect(safeNext(null)).toBeNull();
		expect(safeNext('')).toBeNull();
		expect(safeNext('/' + 'a'.repeat(3000))).toBeNull();
	});
});
