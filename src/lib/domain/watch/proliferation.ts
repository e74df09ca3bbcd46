// Proliferation: how many credentials are first offered and first awarded per quarter, by level,
// provider kind or mode, and how awards spread over credentials — how many are never or almost
// never awarded. Counts of catalogue records, not of learners.

/** What the watch knows of one credential. Dates are 'YYYY-MM-DD'. */
export type CredentialFacts = {
	id: string;
	providerId: string | null;
	/** The breakdowns' values ('not stated' when unknown). */
	level: string;
	providerKind: string;
	mode: string;
	/** When it was first offered: its valid_from, else its first enrolment's start; null when neither. */
	firstOffered: string | null;
	firstAwarded: string | null;
	awards: number;
};

export const PROLIFERATION_BREAKDOWNS = ['none', 'level', 'provider_kind', 'mode'] as const;
export type ProliferationBreakdown = (typeof PROLIFERATION_BREAKDOWNS)[number];

/** "2014-Q2" for a 'YYYY-MM-DD' date. */
export function quarterOf(iso: string): string {
	const m = /^(\d{4})-(\d{2})-\d{2}/.exec(iso);
	if (!m) throw new Error(`quarterOf: "${iso}" is not a YYYY-MM-DD date`);
	return `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
}

export type FirstsRow = { period: string; group: string; offered: number; awarded: number };

const groupOf = (c: CredentialFacts, by: ProliferationBreakdown) =>
	by === 'none' ? 'all' : by === 'level' ? c.level : by === 'provider_kind' ? c.providerKind : c.mode;

/** Credentials first offered and first awarded per quarter and group, by period then group. */
export function firstsPerQuarter(
	items: readonly CredentialFacts[],
	by: ProliferationBreakdown = 'none',
	asOf?: string
): FirstsRow[] {
	const rows = new Map<string, FirstsRow>();
	const add = (date: string | null, field: 'offered' | 'awarded', c: CredentialFacts) => {
		if (date === null || (asOf !== undefined && date > asOf)) return;
		const period = quarterOf(date);
		const group = groupOf(c, by);
		const key = `${period}\u0001${group}`;
		const row = rows.get(key) ?? { period, group, offered: 0, awarded: 0 };
		row[field] += 1;
		rows.set(key, row);
	};
	for (const c of items) {
		add(c.firstOffered, 'offered', c);
		add(c.firstAwarded, 'awarded', c);
	}
	return [...rows.values()].sort(
		(a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group)
	);
}

/** Bands of awards per credential; "almost never" is fewer than ten. */
export const AWARD_BANDS = [
	{ band: 'never awarded', min: 0, max: 0 },
	{ band: 'almost never (1–9 awards)', min: 1, max: 9 },
	{ band: '10–99 awards', min: 10, max: 99 },
	{ band: '100 or more awards', min: 100, max: Infinity }
] as const;

export type AwardBandRow = { band: string; credentials: number; share: number };

/** How many credentials fall in each band of awards (every band listed, empty ones as 0). */
export function awardsPerCredential(items: readonly Pick<CredentialFacts, 'awards'>[]): AwardBandRow[] {
	return AWARD_BANDS.map(({ band, min, max }) => {
		const credentials = items.filter((c) => c.awards >= min && c.awards <= max).length;
		return { band, credentials, share: items.length ? credentials / items.length : 0 };
	});
}
