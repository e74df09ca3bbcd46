// The CSV reader against csv-parse, on the files `npm run bench` imports. Prints a table; asserts
// nothing.
//   npm run bench:csv -- [--learners 74000] [--runs 5] [--work DIR]
// Both read every generated table (about 1,000,000 enrolments at the default size, seed 9, as
// `npm run bench -- --sizes 1m` makes them) into records that carry their starting line, as the
// importer needs them to name a bad row; runs alternate between the two, so a busy machine slows
// both alike. csv-parse is given what the app's reader does: the separator, a byte-order mark,
// mixed line ends, stray quotes taken as text and rows of any width (the importer reports those).
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { parseCsv } from '../src/lib/server/import/csv.ts';
import { fileSource, textChunks } from '../src/lib/server/import/source.ts';
import { generateSynthetic } from '../src/lib/server/generate.ts';
import { fmt, quantile, table } from './report.ts';

const { values } = parseArgs({
	options: {
		learners: { type: 'string', default: '74000' },
		runs: { type: 'string', default: '5' },
		work: { type: 'string', default: join(tmpdir(), 'stackwise-bench-csv') }
	}
});
const learners = Number(values.learners);
const runs = Number(values.runs);

async function files(): Promise<string[]> {
	const dir = join(values.work!, `learners-${learners}`);
	const tables = ['learners', 'enrolments', 'awards'];
	const paths = tables.map((t) => join(dir, `${t}.csv`));
	if (paths.every((p) => existsSync(p))) return paths;
	await generateSynthetic({ learners, seed: 9, outDir: dir, format: 'csv' });
	return paths;
}

type Reader = (path: string) => Promise<number>;

const appReader: Reader = async (path) => {
	let fields = 0;
	for await (const record of parseCsv(textChunks(fileSource(path)), { file: path }))
		fields += record.fields.length;
	return fields;
};

const csvParse: Reader = async (path) => {
	const parser = parse({
		delimiter: ',',
		bom: true,
		record_delimiter: ['\r\n', '\n', '\r'],
		relax_quotes: true,
		relax_column_count: true,
		skip_empty_lines: true,
		info: true
	});
	const feed = (async () => {
		for await (const chunk of textChunks(fileSource(path)))
			if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
		parser.end();
	})();
	let fields = 0;
	for await (const { record } of parser as AsyncIterable<{ record: string[] }>) fields += record.length;
	await feed;
	return fields;
};

async function main() {
	const paths = await files();
	const readers: [string, Reader][] = [
		['Stackwise reader (import/csv.ts)', appReader],
		['csv-parse 7, with line info', csvParse]
	];
	const seconds = new Map<string, number[]>(readers.map(([name]) => [name, []]));
	const fieldsRead = new Map<string, number>();
	for (let run = 0; run < runs; run++)
		for (const [name, read] of readers) {
			const start = performance.now();
			let fields = 0;
			for (const path of paths) fields += await read(path);
			seconds.get(name)!.push((performance.now() - start) / 1000);
			fieldsRead.set(name, fields);
		}
	const median = (name: string) => quantile(seconds.get(name)!, 0.5);
	const base = median(readers[0][0]);
	console.log(
		`\nCSV readers: ${learners.toLocaleString('en')} learners' generated files, ${runs} alternating runs; ` +
			`${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0].toFixed(1)}\n`
	);
	table(
		['reader', 'fields', 'median s', 'min s', 'max s', 'vs Stackwise'],
		readers.map(([name]) => {
			const s = seconds.get(name)!;
			return [
				name,
				fieldsRead.get(name)!,
				fmt(median(name), 2),
				fmt(Math.min(...s), 2),
				fmt(Math.max(...s), 2),
				fmt(median(name) / base, 2) + '×'
			];
		})
	);
}

main();
