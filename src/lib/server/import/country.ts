// Country of a provider as ISO 3166-1 alpha-2 (the providers.country column), from what
// credential documents carry: an alpha-2 code, an alpha-3 code or EU authority URI
// (…/authority/country/IRL, used by ELM), or an English country name ("Japan", used in Open
// Badges addresses). Anything else is null: an unknown country is better than a wrong one.

// Alpha-3 → alpha-2 for the EU/EEA, candidate and neighbouring countries, and the other
// countries common in credential data. Extend as data shows the need.
const ALPHA3: Record<string, string> = {
	AUT: 'AT',
	BEL: 'BE',
	BGR: 'BG',
	HRV: 'HR',
	CYP: 'CY',
	CZE: 'CZ',
	DNK: 'DK',
	EST: 'EE',
	FIN: 'FI',
	FRA: 'FR',
	DEU: 'DE',
	GRC: 'GR',
	HUN: 'HU',
	IRL: 'IE',
	ITA: 'IT',
	LVA: 'LV',
	LTU: 'LT',
	LUX: 'LU',
	MLT: 'MT',
	NLD: 'NL',
	POL: 'PL',
	PRT: 'PT',
	ROU: 'RO',
	SVK: 'SK',
	SVN: 'SI',
	ESP: 'ES',
	SWE: 'SE',
	ISL: 'IS',
	LIE: 'LI',
	NOR: 'NO',
	CHE: 'CH',
	GBR: 'GB',
	ALB: 'AL',
	BIH: 'BA',
	MNE: 'ME',
	MKD: 'MK',
	SRB: 'RS',
	TUR: 'TR',
	UKR: 'UA',
	MDA: 'MD',
	GEO: 'GE',
	ARM: 'AM',
	AZE: 'AZ',
	BLR: 'BY',
	RUS: 'RU',
	AND: 'AD',
	MCO: 'MC',
	SMR: 'SM',
	VAT: 'VA',
	XKX: 'XK',
	USA: 'US',
	CAN: 'CA',
	MEX: 'MX',
	BRA: 'BR',
	ARG: 'AR',
	CHL: 'CL',
	COL: 'CO',
	AUS: 'AU',
	NZL: 'NZ',
	JPN: 'JP',
	CHN: 'CN',
	KOR: 'KR',
	IND: 'IN',
	SGP: 'SG',
	ZAF: 'ZA',
	NGA: 'NG',
	KEN: 'KE',
	EGY: 'EG',
	MAR: 'MA',
	ISR: 'IL',
	ARE: 'AE',
	SAU: 'SA'
};

let names: Map<string, string> | undefined;
let codes: Set<string> | undefined;

function byName(): Map<string, string> {
	if (names) return names;
	names = new Map();
	const display = new Intl.DisplayNames(['en'], { type: 'region' });
	for (let a = 65; a <= 90; a++)
		for (let b = 65; b <= 90; b++) {
			const code = String.fromCharCode(a, b);
			let name: string | undefined;
			try {
				name = display.of(code);
			} catch {
				continue;
			}
			if (name && name !== code && !/unknown/i.test(name)) names.set(name.toLowerCase(), code);
		}
	return names;
}

export function countryCode(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const v = value.trim();
	if (/^[A-Za-z]{2}$/.test(v)) {
		codes ??= new Set(byName().values());
		return codes.has(v.toUpperCase()) ? v.toUpperCase() : null;
	}
	const alpha3 = /(?:^|\/country\/)([A-Z]{3})$/.exec(v)?.[1];
	if (alpha3) return ALPHA3[alpha3] ?? null;
	return byName().get(v.toLowerCase()) ?? null;
}
