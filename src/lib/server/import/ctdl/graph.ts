// A uniform view of CTDL JSON-LD as real files write it: compact (`ceterms:name`), expanded
// (`https://purl.org/ctdl/terms/name` with `[{"@value": …}]`), unprefixed with a custom context
// (`name`), `@graph` or a bare array or a single node, nodes embedded in properties or referenced
// by id. Every node is read into {id, types, props} with property names reduced to their local
// name (`hasChild` whether ceasn:, asn: or a full IRI) and values unwrapped from JSON-LD value
// and id objects. This is a reader for CTDL's vocabulary, not a JSON-LD processor: contexts are
// not fetched (the CTDL context is remote), and terms keep their local names.
import { asArray, isObject, str } from '../json/index.ts';

export type CtdlNode = {
	id: string;
	/** Whether the id was made up for an embedded node without one. */
	blank: boolean;
	types: string[];
	props: Map<string, unknown[]>;
	/** Index of the top-level document (in a file of several) the node was read from. */
	doc: number;
};

export function localName(key: string): string {
	if (key === '@id' || key === 'id') return '@id';
	if (key === '@type' || key === 'type') return '@type';
	const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf('#'), key.lastIndexOf(':'));
	return cut >= 0 ? key.slice(cut + 1) : key;
}

/** Unwraps {"@value": x} to x and {"@id": x} (a bare reference) to the string x. */
function unwrap(value: unknown): unknown {
	if (!isObject(value)) return value;
	const keys = Object.keys(value);
	if ('@value' in value) return value['@value'];
	if (keys.length === 1 && (keys[0] === '@id' || keys[0] === 'id')) return str(value[keys[0]]);
	return value;
}

export class CtdlGraph {
	readonly nodes = new Map<string, CtdlNode>();
	private blanks = 0;

	/** Reads one top-level document (any JSON value) into the graph. */
	add(document: unknown, doc: number): void {
		const roots =
			isObject(document) && Array.isArray(document['@graph']) ? document['@graph'] : asArray(document);
		for (const root of roots) this.read(root, doc, 0);
		if (isObject(document) && Array.isArray(document['@graph'])) {
			// A document may also describe itself next to its graph (rare); keep it if it is typed.
			if (document['@type'] ?? document.type) this.read({ ...document, '@graph': undefined }, doc, 0);
		}
	}

	/** Reads a node (and the nodes embedded in it); returns its id, or undefined for a non-node. */
	private read(value: unknown, doc: number, depth: number): string | undefined {
		if (!isObject(value) || depth > 64) return undefined;
		const props = new Map<string, unknown[]>();
		let id: string | undefined;
		let types: string[] = [];
		for (const [key, raw] of Object.entries(value)) {
			if (key === '@context' || key === '@graph' || raw === undefined) continue;
			const name = localName(key);
			if (name === '@id') {
				id = str(raw);
				continue;
			}
			if (name === '@type') {
				types = asArray(raw)
					.filter((t): t is string => typeof t === 'string')
					.map(localName);
				continue;
			}
			const values: unknown[] = [];
			for (const item of asArray(raw)) {
				const v = unwrap(item);
				// An embedded node becomes a node of its own, referenced by id.
				const isNode =
					isObject(v) && !('@language' in v) && ['@type', 'type', '@id', 'id'].some((k) => k in v);
				if (isNode) values.push(this.read(v, doc, depth + 1) ?? v);
				else if (v !== undefined && v !== null) values.push(v);
			}
			props.set(name, [...(props.get(name) ?? []), ...values]);
		}
		if (types.length === 0 && !id) return undefined;
		const blank = !id || id.startsWith('_:');
		const key = id ?? `_:embedded-${doc}-${this.blanks++}`;
		const existing = this.nodes.get(key);
		if (existing) {
			// The same node described twice (a graph and an embedded copy): merge what is new.
			for (const [name, values] of props) if (!existing.props.has(name)) existing.props.set(name, values);
			if (existing.types.length === 0) existing.types = types;
		} else this.nodes.set(key, { id: key, blank, types, props, doc });
		return key;
	}

	get(id: string | undefined): CtdlNode | undefined {
		return id ? this.nodes.get(id) : undefined;
	}
}

/** All values of a property. */
export function values(node: CtdlNode | undefined, name: string): unknown[] {
	return node?.props.get(name) ?? [];
}

/** The first value of a property. */
export function first(node: CtdlNode | undefined, name: string): unknown {
	return values(node, name)[0];
}

/** References (ids) in a property: strings, or embedded nodes' ids. */
export function refs(node: CtdlNode | undefined, name: string): string[] {
	return values(node, name)
		.map((v) => (typeof v === 'string' ? v.trim() : isObject(v) ? (str(v['@id']) ?? str(v.id)) : undefined))
		.filter((v): v is string => !!v);
}
