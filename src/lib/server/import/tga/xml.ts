// Reads a training.gov.au release document (AuthorIT XML) down to what the packaging-rules parser
// needs: the qualification's code, title and release, and the "Packaging Rules" topic as a flat
// list of lines. AuthorIT keeps prose and unit tables as XHTML-like markup (<p>, <table>, <cs> for
// inline styling), sometimes the whole rule text inside one table cell, so both shapes are
// flattened to the same lines: one per paragraph, or one per table row with its cells.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A paragraph (`cells` absent) or a table row with two or more non-empty cells. */
export type Line = { text: string; cells?: string[] };

export type ReleaseDocument = {
	code: string;
	title: string;
	release: string | null;
	/** Lines of the "Packaging Rules" topic, in document order. */
	packaging: Line[];
	/** Lines of the "Qualification Description" topic. */
	description: Line[];
};

type Node = Record<string, unknown>;

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: true,
	trimValues: false,
	processEntities: true,
	// Numbers must stay text: unit codes and titles are never numeric values.
	parseTagValue: false
});

function nameOf(node: Node): string {
	return Object.keys(node).find((k) => k !== ':@') ?? '';
}
function childrenOf(node: Node): Node[] {
	const value = node[nameOf(node)];
	return Array.isArray(value) ? (value as Node[]) : [];
}
function textOf(nodes: Node[]): string {
	let s = '';
	for (const n of nodes) {
		const name = nameOf(n);
		if (name === '#text') s += String(n['#text']);
		else if (name === 'nbs') s += ' ';
		else s += textOf(childrenOf(n));
	}
	return s;
}
function clean(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}
function findAll(nodes: Node[], name: string, out: Node[] = []): Node[] {
	for (const n of nodes) {
		if (nameOf(n) === name) out.push(n);
		findAll(childrenOf(n), name, out);
	}
	return out;
}
function child(node: Node, name: string): Node | undefined {
	return childrenOf(node).find((c) => nameOf(c) === name);
}

/** Paragraphs and table rows of a topic's <Text>, flattened. */
function linesOf(nodes: Node[], out: Line[] = []): Line[] {
	for (const n of nodes) {
		const name = nameOf(n);
		if (name === 'p') {
			const text = clean(textOf(childrenOf(n)));
			if (text) out.push({ text });
		} else if (name === 'table') {
			for (const row of childrenOf(n).filter((r) => nameOf(r) === 'tr')) {
				const cells = childrenOf(row).filter((c) => nameOf(c) === 'td');
				const texts = cells.map((c) => clean(textOf(childrenOf(c))));
				const filled = texts.filter(Boolean);
				if (filled.length >= 2) out.push({ text: filled.join(' | '), cells: texts });
				// A lone cell is prose or a heading laid out in a table: keep its paragraphs apart.
				else if (filled.length === 1) linesOf(childrenOf(cells[texts.indexOf(filled[0])]), out);
			}
		} else linesOf(childrenOf(n), out);
	}
	return out;
}

const TITLE = /^([A-Z]{3}\d{5})\s+(.+?)(?:\s*\(Release\s+([\w.]+)\))?$/;

/** Parses the document; throws `tga:`-prefixed errors the caller turns into an ImportRefusal. */
export function readReleaseDocument(xml: string): ReleaseDocument {
	// The parser repairs what it can (a mismatched closing tag passes); the validator does not.
	const wellFormed = XMLValidator.validate(xml);
	if (wellFormed !== true)
		throw new Error(`tga: not well-formed XML (line ${wellFormed.err.line}: ${wellFormed.err.msg})`);
	let doc: Node[];
	try {
		doc = parser.parse(xml) as Node[];
	} catch (e) {
		throw new Error(`tga: not well-formed XML (${(e as Error).message})`, { cause: e });
	}
	if (!findAll(doc, 'AuthorIT').length) throw new Error('tga: not an AuthorIT release document');
	// The first Book is the shared template; the qualification's own Book carries "CODE Title (Release n)".
	let heading: RegExpMatchArray | null = null;
	for (const book of findAll(doc, 'Book')) {
		const object = child(book, 'Object');
		const description = object && child(object, 'Description');
		const m = description ? clean(textOf(childrenOf(description))).match(TITLE) : null;
		if (m) heading = m;
	}
	if (!heading) throw new Error('tga: no qualification title ("CODE Title (Release n)") in the document');
	const topics = new Map<string, Line[]>();
	for (const topic of findAll(doc, 'Topic')) {
		const object = child(topic, 'Object');
		const description = object && child(object, 'Description');
		const text = child(topic, 'Text');
		if (description && text) topics.set(clean(textOf(childrenOf(description))), linesOf(childrenOf(text)));
	}
	const packaging = topics.get('Packaging Rules');
	if (!packaging) throw new Error(`tga: ${heading[1]} has no "Packaging Rules" topic`);
	return {
		code: heading[1],
		title: heading[2],
		release: heading[3] ?? null,
		packaging,
		description: topics.get('Qualification Description') ?? []
	};
}
