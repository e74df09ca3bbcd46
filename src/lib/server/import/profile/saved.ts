// Mapping profiles saved by name from the /imports mapping step, reused for the next extract.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importProfiles } from '../../db/schema.ts';
import { headerName, parseProfile, type Profile } from './profile.ts';

export type SavedProfile = { name: string; profile: Profile; columns: string[]; savedAt: string };

export async function saveProfile(
	db: Db,
	{
		name,
		profile,
		columns,
		userId
	}: { name: string; profile: Profile; columns: string[]; userId?: number | null }
): Promise<void> {
	const row = {
		name,
		profile,
		columns: columns.map(headerName),
		savedAt: new Date(),
		userId: userId ?? null
	};
	await db.orm
		.insert(importProfiles)
		.values(row)
		.onConflictDoUpdate({ target: importProfiles.name, set: row });
}

/** Every saved profile that still reads as one (a profile saved by an older version may not). */
export async function listProfiles(db: Db): Promise<SavedProfile[]> {
	const rows = await db.orm.select().from(importProfiles).orderBy(asc(importProfiles.name));
	return rows.flatMap((row) => {
		const parsed = parseProfile(row.profile);
		return 'profile' in parsed
			? [
					{
						name: row.name,
						profile: parsed.profile,
						columns: row.columns,
						savedAt: row.savedAt.toISOString()
					}
				]
			: [];
	});
}

export async function getProfile(db: Db, name: string): Promise<SavedProfile | undefined> {
	const [row] = await db.orm.select().from(importProfiles).where(eq(importProfiles.name, name));
	if (!row) return undefined;
	const parsed = parseProfile(row.profile);
	return 'profile' in parsed
		? { name: row.name, profile: parsed.profile, columns: row.columns, savedAt: row.savedAt.toISOString() }
		: undefined;
}

/** The saved profile made for exactly these columns (the newest), to offer for the next file. */
export function profileForHeader(saved: SavedProfile[], header: string[]): SavedProfile | undefined {
	const key = header.map(headerName).join('\n');
	return saved
		.filter((s) => s.columns.join('\n') === key)
		.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
}
