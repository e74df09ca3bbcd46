// The VC 2.0 rules that need a JSON-LD processor: every context must be processable (§4.3), no
// context may redefine a protected term (§5.2), and every type must map to a URL (§4.5). The
// document is expanded by jsonld.js over the bundled contexts only; a context that is not
// bundled cannot be processed offline, so those checks are skipped with a warning rather than
// judged (nothing is fetched).
import jsonld from 'jsonld';
import { BUNDLED_CONTEXTS, NotBundledError, offlineDocumentLoader } from '../jsonld/index.ts';
import { asArray, type JsonObject } from '../json/index.ts';
import { isUrl, type RuleCollector, type Vc2RuleId } from './rules.ts';

/** Context URLs the document names (at any depth) that are not bundled. */
function unbundledContexts(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
	if (depth > 64 || value === null || typeof value !== 'object') return found;
	if (Array.isArray(value)) {
		for (const v of value) unbundledContexts(v, found, depth + 1);
		return found;
	}
	for (const [key, v] of Object.entries(value)) {
		if (key === '@context')
			for (const c of asArray(v)) {
				if (typeof c === 'string' && isUrl(c) && !(c in BUNDLED_CONTEXTS)) found.add(c);
				else if (c && typeof c === 'object') unbundledContexts(c, found, depth + 1);
			}
		else unbundledContexts(v, found, depth + 1);
	}
	return found;
}

type JsonLdError = { name?: string; message?: string; details?: { code?: string; cause?: unknown } };

const CONTEXT_ERRORS =
	/context|IRI mapping|term definition|@vocab|@base|keyword redefinition|@version|@import|@propagate|@protected/i;

/** Adds the JSON-LD findings of a credential or presentation (at `path`) to `out`. */
export async function jsonLdRules(doc: JsonObject, path: string, out: RuleCollector): Promise<void> {
	if (!('@context' in doc)) return; // §4.3 context-present already says so
	const missing = unbundledContexts(doc);
	if (missing.size > 0) {
		out.warn(
			'context-items',
			path,
			`context ${[...missing].join(', ')} is not bundled, so the terms it defines (and the types it maps) were not checked; nothing is fetched`
		);
		return;
	}
	const relativeTypes = new Set<string>();
	const dropped = new Set<string>();
	try {
		await jsonld.expand(structuredClone(doc), {
			documentLoader: offlineDocumentLoader(),
			eventHandler: ({ event }: { event: { code: string; details: Record<string, unknown> } }) => {
				if (event.code === 'relative @type reference') relativeTypes.add(String(event.details.type));
				else if (event.code === 'invalid property') dropped.add(String(event.details.property));
			}
		} as never);
	} catch (error) {
		const e = error as JsonLdError;
		if (e instanceof NotBundledError || e.details?.cause instanceof NotBundledError) return;
		const code = e.details?.code ?? e.name ?? 'error';
		const rule: Vc2RuleId =
			code === 'protected term redefinition'
				? 'protected-terms'
				: CONTEXT_ERRORS.test(code)
					? 'context-items'
					: 'json-ld';
		// A syntax error the structural rules already named (an id that is not one URL, a context
		// item that is a number) is not reported twice.
		const named = out.problems.some((p) => rule === 'json-ld' || p.rule.endsWith(` ${rule}`));
		if (!named)
			out.fail(
				rule,
				path,
				`JSON-LD processing stops: ${code} (${(e.message ?? '').replace(/^Invalid JSON-LD syntax; /, '')})`
			);
		return;
	}
	for (const type of relativeTypes)
		out.fail('type-values', path, `The type "${type}" is neither a URL nor a term its contexts define.`);
	if (dropped.size > 0)
		out.warn(
			'json-ld',
			path,
			`no context defines ${[...dropped].map((p) => `"${p}"`).join(', ')}: JSON-LD processing drops ${dropped.size > 1 ? 'them' : 'it'}`
		);
}
