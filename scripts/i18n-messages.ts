// `npm run i18n:messages`: sorts messages/{en,fr,ar}.json by key (so helpers adding messages in
// different areas rarely touch the same lines) and writes messages/en-XA.json, the pseudo-locale,
// from en.json. Run after changing a message; tests/unit/i18n/messages.test.ts fails until then.
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { pseudoMessages, sortedMessages, type MessageFile } from '../src/lib/i18n/pseudo.ts';

// Written as Prettier writes them, so `npm run format:check` passes without another step.
const write = async (locale: string, file: MessageFile) => {
	const path = `messages/${locale}.json`;
	const options = { ...(await resolveConfig(path)), filepath: path };
	writeFileSync(path, await format(JSON.stringify(file), options));
};
for (const locale of ['en', 'fr', 'ar'])
	await write(locale, sortedMessages(JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'))));
const english = JSON.parse(readFileSync('messages/en.json', 'utf8'));
await write('en-XA', pseudoMessages(english));
console.log(`messages: ${Object.keys(english).length - 1} in each of en, fr, ar and en-XA`);
