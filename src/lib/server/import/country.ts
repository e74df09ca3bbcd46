// Country of a provider as ISO 3166-1 alpha-2 (the providers.country column), from what
// credential documents carry: an alpha-2 code, an alpha-3 code or EU authority URI
// (…/authority/country/IRL, used by ELM), or an English country name ("Japan", used in Open
// Badges addresses). Anything else is null: an unknown country is better than a wrong one.
// The ISO table and its English names (with common alternatives: "USA", "UK", "Czech Republic")
// are i18n-iso-countries'.
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

/**
 * ISO 3166's exceptionally reserved codes the EU writes for two member states' countries (its
 * Interinstitutional Style Guide: EL for Greece, UK for the United Kingdom); other reserved codes
 * (EU itself, UN) are not countries and stay null.
 */
const EU_ALPHA2: Record<string, string> = { EL: 'GR', UK: 'GB' };

export function countryCode(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const v = value.trim();
	if (/^[A-Za-z]{2}$/.test(v)) {
		const code = v.toUpperCase();
		return EU_ALPHA2[code] ?? (countries.isValid(code) ? code : null);
	}
	const alpha3 = /(?:^|\/country\/)([A-Z]{3})$/.exec(v)?.[1];
	if (alpha3) return countries.alpha3ToAlpha2(alpha3) ?? null;
	return countries.getAlpha2Code(v, 'en') ?? null;
}
