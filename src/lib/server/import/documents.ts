// Credential documents (Open Badges 2.0/3.0, CLR 2.0, ELM, CTDL, Verifiable Presentations,
// training.gov.au releases, Badgr pathway exports, Credential Engine pathway CSVs): each file is its own
// all-or-nothing import, because each is a document its issuer made on its own — one unreadable
// badge must not hold back the other forty-nine in a folder. Files that other documents point to
// (an Open Badges 2.0 BadgeClass or issuer profile) are read through a resolver over the whole
// import; nothing is fetched from the network.
import {
	DETECT_HEAD_BYTES,
	detectFormat,
	fileResolver,
	parseCredentialFile,
	type CredentialFormat
} from './credential-formats.ts';
import { DOCUMENT_LIMIT_BYTES } from './limits.ts';
import { ImportRefusal, type ParsedUnit } from './records.ts';
import type { ImportJob } from './loader.ts';
import { readAllBytes, type SourceFile } from './source.ts';
import { stackingCycleIssues } from './stacking-check.ts';
import { tgaUnits } from './tga/index.ts';
import {
	looksLikeBadgrPathway,
	parseBadgrPathway,
	looksLikePathwayCsv,
	parsePathwayCsv
} from './pathways/index.ts';

/** The CLI's --format names of the document formats. */
export const DOCUMENT_FORMATS = [
	'tga',
	'ob',
	'clr',
	'elm',
	'ctdl',
	'vp',
	'vc',
	'badgr',
	'pathway-csv'
] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

type DetectedFormat = CredentialFormat | 'tga' | 'badgr' | 'pathway-csv';

const cliName = (format: DetectedFormat): DocumentFormat =>
	format === 'ob2' || format === 'ob3' ? 'ob' : format;

/** Catalogues first, so awards that name their credentials find them. */
const ORDER: DocumentFormat[] = ['tga', 'ctdl', 'badgr', 'pathway-csv', 'elm', 'clr', 'ob', 'vp', 'vc'];
/** Formats whose documents carry stacking rules, checked for cycles before they commit. */
const CATALOGUES = new Set<DocumentFormat>(['tga', 'ctdl', 'badgr', 'pathway-csv', 'elm', 'clr']);

/** Formats recognised by their head before the credential formats: catalogues in their own shapes. */
function catalogueFormat(head: Uint8Array): DetectedFormat | null {
	const text = new TextDecoder().decode(head.subarray(0, 65536));
	// training.gov.au release documents are AuthorIT XML.
	if (/<AuthorIT[\s>]/.test(text.slice(0, 4096))) return 'tga';
	if (looksLikePathwayCsv(text)) return 'pathway-csv';
	if (looksLikeBadgrPathway(text)) return 'badgr';
	return null;
}

async function headOf(file: SourceFile): Promise<Uint8Array> {
	const bytes = await readAllBytes(file, DOCUMENT_LIMIT_BYTES).catch(() => new Uint8Array());
	// Baked PNGs carry the badge after the image data: the detector gets the whole file.
	return bytes[0] === 0x89 ? bytes : bytes.subarray(0, DETECT_HEAD_BYTES);
}

export type DocumentPlan = { jobs: ImportJob[]; claimed: SourceFile[] };

export async function planDocuments(files: SourceFile[], forced?: DocumentFormat): Promise<DocumentPlan> {
	const found: { file: SourceFile; format: DetectedFormat }[] = [];
	for (const file of files) {
		const head = await headOf(file);
		const detected: DetectedFormat | null =
			catalogueFormat(head) ?? detectFormat({ fileName: file.name, head });
		if (forced && (!detected || cliName(detected) !== forced)) {
			// --format given: read it as that format and let the parser say what is wrong.
			found.push({ file, format: forced === 'ob' ? 'ob3' : forced });
		} else if (detected) found.push({ file, format: detected });
	}
	if (found.length === 0) return { jobs: [], claimed: [] };
	let resolver: ((id: string) => unknown) | undefined;
	const resolve = async () =>
		(resolver ??= fileResolver(
			await Promise.all(
				files.map(async (f) => ({
					name: f.path,
					bytes: await readAllBytes(f, DOCUMENT_LIMIT_BYTES).catch(() => new Uint8Array())
				}))
			)
		));
	found.sort((a, b) => ORDER.indexOf(cliName(a.format)) - ORDER.indexOf(cliName(b.format)));
	async function* readDocument(
		{ file, format }: { file: SourceFile; format: DetectedFormat },
		onBytes: (bytes: number) => void
	): AsyncGenerator<ParsedUnit> {
		const bytes = await readAllBytes(file, DOCUMENT_LIMIT_BYTES);
		onBytes(file.size);
		if (format === 'tga') return yield* tgaUnits({ xml: new TextDecoder().decode(bytes), file: file.path });
		if (format === 'badgr') return yield* parseBadgrPathway({ file: file.path, bytes });
		if (format === 'pathway-csv') return yield* parsePathwayCsv({ file: file.path, bytes });
		yield* parseCredentialFile({
			format,
			file: file.path,
			bytes,
			resolve: ['ob2', 'ob3', 'clr', 'vp', 'vc'].includes(format) ? await resolve() : undefined
		});
	}
	return {
		claimed: found.map((f) => f.file),
		jobs: found.map((document) => ({
			format: cliName(document.format),
			files: [document.file],
			strict: false,
			afterLoad: CATALOGUES.has(cliName(document.format))
				? (tx) => stackingCycleIssues(tx, document.file.path)
				: undefined,
			parse: (onBytes) => refusedWhole(document.file.path, readDocument(document, onBytes))
		}))
	};
}

/**
 * A document none of whose units could be read (not XML, an entity declaration, cut off…) is
 * refused as a whole: the import is "refused" and the CLI exits 1, instead of "succeeded" with
 * nothing stored. A document some of whose units were read keeps its rejected ones as rejected rows.
 */
async function* refusedWhole(file: string, units: AsyncIterable<ParsedUnit>): AsyncGenerator<ParsedUnit> {
	let read = false;
	let rejected = false;
	for await (const unit of units) {
		if (unit.kind === 'rows') read = true;
		else rejected = true;
		yield unit;
	}
	// The rejected units are counted and named above; this says what became of the document.
	if (rejected && !read)
		throw new ImportRefusal([
			{
				file,
				message:
					'nothing in this document could be imported (the reasons are listed with it), so it is refused as a whole'
			}
		]);
}
