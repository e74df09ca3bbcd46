// No component writes words to the reader itself: every text a .svelte file renders (text between
// tags, and the attributes a reader or a screen reader meets: title, alt, placeholder, aria-*)
// comes from a message (messages/*.json), so it exists in every language. Text inside an element
// marked translate="no" is data or a name (Stackwise, an email) and is left as it is.
// tests/e2e/i18n.test.ts checks the same on the rendered pages, in the pseudo-locale.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const READ_ATTRIBUTES = new Set([
	'title',
	'alt',
	'placeholder',
	'label',
	'aria-label',
	'aria-description',
	'aria-roledescription',
	'aria-valuetext'
]);
const WORDS = /\p{L}/u;
// A component's props that carry code, not words (any other literal prop text is read by someone).
const CODE_PROPS = new Set([
	'name',
	'id',
	'key',
	'kind',
	'type',
	'href',
	'class',
	'for',
	'panel',
	'format',
	'variant',
	'method',
	'action',
	'value',
	'align',
	'mode',
	'shape',
	'side',
	'dir',
	'lang',
	'role',
	'autocomplete',
	'inputmode',
	'scope',
	'rel',
	'target',
	'download',
	'accept',
	'enctype',
	'src',
	'd',
	'fill',
	'stroke',
	'transform',
	'style',
	'data-panel',
	'data-testid',
	'slot',
	'color',
	'tone',
	'axis',
	'anchor',
	'level',
	'width',
	'height',
	'param',
	'params',
	'sort',
	'order',
	'icon',
	'filename',
	'file',
	'basename',
	'path',
	'chart',
	'status',
	'fileName'
]);

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

type Node = {
	type: string;
	start: number;
	name?: string;
	data?: string;
	value?: unknown;
	attributes?: Node[];
	fragment?: { nodes: Node[] };
	[key: string]: unknown;
};

/** Literal words in a template, with their line, skipping what sits inside translate="no". */
export function literalText(source: string): { line: number; text: string }[] {
	const ast = parse(source, { modern: true }) as unknown as { fragment: { nodes: Node[] } };
	const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
	const found: { line: number; text: string }[] = [];
	// String literals an expression renders as its value: `{x ? 'Yes' : 'No'}`, `{a ?? 'none'}`, `{`${n} rows`}`.
	const shown = (expression: Node | undefined, where = ''): void => {
		if (!expression) return;
		const at = (text: string) =>
			found.push({ line: lineOf(expression.start), text: where ? `${where}={${text}}` : `{${text}}` });
		if (expression.type === 'Literal' && typeof expression.value === 'string' && WORDS.test(expression.value))
			at(`'${expression.value}'`);
		else if (expression.type === 'TemplateLiteral') {
			const words = (expression.quasis as { value: { cooked: string } }[])
				.map((q) => q.value.cooked)
				.join('…');
			if (WORDS.test(words)) at(`\`${words}\``);
			(expression.expressions as Node[]).forEach((e) => shown(e, where));
		} else if (expression.type === 'ConditionalExpression') {
			shown(expression.consequent as Node, where);
			shown(expression.alternate as Node, where);
		} else if (expression.type === 'LogicalExpression') {
			shown(expression.left as Node, where);
			shown(expression.right as Node, where);
		}
	};
	const visit = (node: Node) => {
		if (node.type === 'ExpressionTag') {
			shown(node.expression as Node);
			return;
		}
		if (node.type === 'Text') {
			if (WORDS.test(node.data ?? '')) found.push({ line: lineOf(node.start), text: node.data!.trim() });
			return;
		}
		const attributes = node.attributes ?? [];
		if (attributes.some((a) => a.name === 'translate' && JSON.stringify(a.value).includes('"no"'))) return;
		const component = node.type === 'Component';
		for (const attribute of attributes) {
			if (attribute.type !== 'Attribute') continue;
			const name = attribute.name ?? '';
			const read =
				READ_ATTRIBUTES.has(name) || (component && !CODE_PROPS.has(name) && !name.startsWith('on'));
			if (!read) continue;
			const parts = Array.isArray(attribute.value) ? (attribute.value as Node[]) : [attribute.value as Node];
			for (const part of parts) {
				if (part?.type === 'Text' && WORDS.test(part.data ?? ''))
					found.push({ line: lineOf(part.start), text: `${name}="${part.data}"` });
				if (part?.type === 'ExpressionTag') shown(part.expression as Node, name);
			}
		}
		for (const value of Object.values(node)) {
			if (value && typeof value === 'object' && 'nodes' in value && Array.isArray(value.nodes))
				(value.nodes as Node[]).forEach(visit);
		}
	};
	ast.fragment.nodes.forEach(visit);
	return found;
}

describe('literalText', () => {
	it('finds words between tags and in read attributes, not in translate="no", code or styles', () => {
		const source = [
			'<script>let x = "not shown";</script>',
			'<h1>Hello</h1>',
			'<p>{m.ok()} · 42</p>',
			'<button aria-label="Close" title={m.t()}>×</button>',
			'<span translate="no">Stackwise <b>data</b></span>',
			'{#if x}<em>Shown</em>{:else}<i>{x}</i>{/if}',
			"<p>{x ? 'Yes' : n} {a ?? `${n} rows`} {f('en')}</p>",
			'<Panel title="Completion" name="completion" subtitle={m.s()} note={x ? m.a() : \'none\'} />',
			'<style>p { color: red; }</style>'
		].join('\n');
		expect(literalText(source)).toEqual([
			{ line: 2, text: 'Hello' },
			{ line: 4, text: 'aria-label="Close"' },
			{ line: 6, text: 'Shown' },
			{ line: 7, text: "{'Yes'}" },
			{ line: 7, text: '{`… rows`}' },
			{ line: 8, text: 'title="Completion"' },
			{ line: 8, text: "note={'none'}" }
		]);
	});
});

describe('no literal text in components', () => {
	for (const file of svelteFiles('src')) {
		it(file, () => {
			const found = literalText(readFileSync(file, 'utf8')).map((f) => `${file}:${f.line}: ${f.text}`);
			expect(found).toEqual([]);
		});
	}
});
