// The three languages' message files are complete and consistent: the same keys, the same
// placeholders, plural variants where English has them, a translation (not English left in place),
// and the pseudo-locale exactly as `npm run i18n:messages` writes it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pseudoMessages, sortedMessages, type MessageFile } from '../../../src/lib/i18n/pseudo.ts';

const read = (locale: string): MessageFile =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as MessageFile;
const en = read('en');
const translations = { fr: read('fr'), ar: read('ar') };
const keys = (file: MessageFile) => Object.keys(file).filter((k) => k !== '$schema');

/** Every text a message can show (a plain message, or each of its variants). */
const texts = (value: MessageFile[string]): string[] =>
	typeof value === 'string' ? [value] : value.flatMap((v) => Object.values(v.match));
/** A text's own words, without its placeholders. */
const wordsOf = (text: string) => text.replace(/(?<!\\)\{[^}]*\}/g, '');
/** The inputs a message's texts use. */
const placeholders = (value: MessageFile[string]) =>
	[
		...new Set(texts(value).flatMap((t) => [...t.matchAll(/(?<!\\)\{([a-zA-Z_][\w]*)\}/g)].map((x) => x[1])))
	].sort();

// Messages that read the same in French as in English (names, codes and words both languages share).
const SAME_IN_FRENCH = new Set([
	'nav_catalogue',
	'account_sessions_heading',
	'catalogue_title',
	'catalogue_name_qualification',
	'graph_kind_qualification'
]);

describe('message files', () => {
	it('are flat snake_case keys, English having at least one message', () => {
		expect(keys(en).length).toBeGreaterThan(0);
		for (const key of keys(en)) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
	});

	for (const [locale, file] of Object.entries(translations)) {
		it(`${locale} has exactly English's keys`, () => {
			expect({
				missing: keys(en).filter((k) => !(k in file)),
				extra: keys(file).filter((k) => !(k in en))
			}).toEqual({
				missing: [],
				extra: []
			});
		});
		it(`${locale} uses each message's placeholders, no more and no fewer`, () => {
			const differ = keys(en)
				.filter((k) => k in file)
				.filter((k) => placeholders(file[k]).join() !== placeholders(en[k]).join())
				.map((k) => `${k}: ${placeholders(en[k]).join()} → ${placeholders(file[k]).join()}`);
			expect(differ).toEqual([]);
		});
		it(`${locale} has no empty message and none left in English`, () => {
			const empty = keys(file).filter((k) => texts(file[k]).some((t) => t.trim() === ''));
			expect(empty).toEqual([]);
			const untranslated = keys(en)
				.filter((k) => k in file && texts(en[k]).some((t) => /\p{L}{3}/u.test(wordsOf(t))))
				.filter((k) => JSON.stringify(file[k]) === JSON.stringify(en[k]))
				.filter((k) => !(locale === 'fr' && SAME_IN_FRENCH.has(k)));
			expect(untranslated).toEqual([]);
		});
	}

	it('Arabic messages are written in Arabic script', () => {
		const latinOnly = keys(translations.ar).filter((k) =>
			texts(translations.ar[k]).some((t) => /\p{L}{3}/u.test(wordsOf(t)) && !/\p{Script=Arabic}/u.test(t))
		);
		expect(latinOnly).toEqual([]);
	});

	it('each file is sorted by key (`npm run i18n:messages`)', () => {
		for (const file of [en, ...Object.values(translations)])
			expect(Object.keys(file)).toEqual(Object.keys(sortedMessages(file)));
	});

	it('every message is used by the app (none left behind when its text went)', () => {
		const sources = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sources(path);
				return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
			});
		const used = new Set(
			sources('src').flatMap((file) =>
				[...readFileSync(file, 'utf8').matchAll(/\bm\.([a-z][a-z0-9_]*)/g)].map((match) => match[1])
			)
		);
		expect(keys(en).filter((key) => !used.has(key))).toEqual([]);
	});

	it('en-XA is English wrapped, as `npm run i18n:messages` writes it', () => {
		expect(read('en-XA')).toEqual(pseudoMessages(en));
	});
});
