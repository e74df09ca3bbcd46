// The vendored training.gov.au releases (data/tga/xml) as one stacking catalogue, for scripts,
// benchmarks and tests. Units shared by several qualifications appear once.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../../../domain/stacking/index.ts';
import { parseTgaRelease, type TgaRelease } from './parse.ts';

export function readTgaCatalogue({ dir }: { dir: string }): { catalogue: Catalogue; releases: TgaRelease[] } {
	const releases = readdirSync(dir)
		.filter((f) => f.endsWith('.xml'))
		.sort()
		.map((f) => parseTgaRelease(readFileSync(join(dir, f), 'utf8'), f));
	const credentials = new Map(releases.flatMap((r) => [r.qualification, ...r.units]).map((c) => [c.id, c]));
	const prerequisites = new Map(
		releases.flatMap((r) => r.prerequisites).map((p) => [`${p.credentialId}>${p.requiredId}`, p])
	);
	return {
		catalogue: {
			credentials: [...credentials.values()],
			groups: releases.flatMap((r) => r.groups),
			prerequisites: [...prerequisites.values()],
			recognitions: []
		},
		releases
	};
}
