// Which data the figures are made of: the imports that stored something, by format. The
// dashboards' subtitle and every exported chart's source line are built from it, so they name
// what was actually loaded rather than what was bundled.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

export type DataSource = { format: string; imports: number; rows: number };

export async function getDataSources(db: Db): Promise<DataSource[]> {
	const rows = await db.query<{ format: string; imports: number; rows: number }>(sql`
		select format, count(*)::int as imports, sum(rows_stored)::int as rows from imports
		where status = 'succeeded' and rows_stored > 0
		group by format order by sum(rows_stored) desc, format`);
	return rows.map((r) => ({ format: r.format, imports: Number(r.imports), rows: Number(r.rows) }));
}
