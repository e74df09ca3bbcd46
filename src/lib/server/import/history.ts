// The history of imports, newest first, for the /imports page.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { imports } from '../db/schema.ts';
import type { ImportIssue } from './records.ts';

export type ImportHistoryEntry = {
	id: number;
	source: string;
	format: string;
	sha256: string;
	startedAt: string;
	finishedAt: string | null;
	rowsRead: number;
	rowsStored: number;
	rowsRejected: number;
	status: string;
	files: { path: string; format: string; read: number; stored: number; rejected: number }[];
	errors: ImportIssue[];
};

const toEntry = (row: typeof imports.$inferSelect): ImportHistoryEntry => ({
	...row,
	startedAt: row.startedAt.toISOString(),
	finishedAt: row.finishedAt?.toISOString() ?? null,
	files: (row.files ?? []) as ImportHistoryEntry['files'],
	errors: (row.errors ?? []) as ImportIssue[]
});

export async function getImportHistory(db: Db, limit = 50): Promise<ImportHistoryEntry[]> {
	const rows = await db.orm.select().from(imports).orderBy(desc(imports.id)).limit(limit);
	return rows.map(toEntry);
}

export async function getImport(db: Db, id: number): Promise<ImportHistoryEntry | undefined> {
	const [row] = await db.orm.select().from(imports).where(eq(imports.id, id));
	return row ? toEntry(row) : undefined;
}
