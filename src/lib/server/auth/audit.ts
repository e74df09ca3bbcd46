// The audit log: sign-ins, imports, exports and user changes — who, what, when. Admins read it.
import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export type AuditAction =
	| 'sign-in'
	| 'sign-in-failed'
	| 'sign-out'
	| 'sign-out-everywhere'
	| 'import'
	| 'export'
	| 'user-created'
	| 'user-changed'
	| 'user-deleted'
	| 'consent-changed'
	| 'retention';

export async function audit(
	db: Db,
	entry: { userId: number | null; action: AuditAction; detail?: Record<string, unknown> }
) {
	await db.orm
		.insert(auditLog)
		.values({ userId: entry.userId, action: entry.action, detail: entry.detail ?? null });
}

export type AuditEntry = { id: number; at: string; userId: number | null; action: string; detail: unknown };

export async function getAuditLog(db: Db, limit = 200): Promise<AuditEntry[]> {
	const rows = await db.orm.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
	return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
