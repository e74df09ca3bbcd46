// The CTDL parser. A file may hold one JSON-LD document or several written one after another
// (registry exports); each top-level document is a unit. All documents of a file are read into
// one graph first, so a pathway in one document can name courses in another. A document that is
// not valid JSON is rejected with its line; the others still load.
import { ImportRefusal, type ParsedUnit } from '../records.ts';
import {
	DEFAULT_JSON_LIMITS,
	parseSegment,
	splitJsonDocuments,
	type JsonLimits,
	decodeText
} from '../json/index.ts';
import { CtdlGraph } from './graph.ts';
import { CtdlMapper } from './map.ts';

export type CtdlInput = { file: string; bytes: Uint8Array; limits?: JsonLimits };

export async function* parseCtdl(input: CtdlInput): AsyncGenerator<ParsedUnit> {
	const { file } = input;
	const text = decodeText(input.bytes, file);
	const segments = splitJsonDocuments(text, file, input.limits ?? DEFAULT_JSON_LIMITS);
	const graph = new CtdlGraph();
	const parsed = segments.map((segment, doc) => {
		const result = parseSegment(segment, file);
		if ('value' in result) graph.add(result.value, doc);
		return { segment, result };
	});
	if (parsed.every((p) => 'issue' in p.result) && parsed.length === 1 && 'issue' in parsed[0].result)
		throw new ImportRefusal([parsed[0].result.issue]);
	const byDoc = new CtdlMapper(graph, file).map();
	for (const [doc, { segment, result }] of parsed.entries()) {
		const at = { file, line: segment.line, ...(parsed.length > 1 ? { path: `document ${doc + 1}` } : {}) };
		if ('issue' in result) {
			yield { kind: 'rejected', at, issues: [result.issue] };
			continue;
		}
		const out = byDoc.get(doc) ?? { rows: [], warnings: [] };
		yield { kind: 'rows', at, rows: out.rows, ...(out.warnings.length ? { warnings: out.warnings } : {}) };
	}
}
