// Accounts: email + password, one role each, scoped to a provider or a learner where the role
// needs one. Input is validated here with zod, whether it comes from the CLI or the admin page.
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { learners, providers, users } from '../db/schema.ts';
import { audit } from './audit.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './passwords.ts';
import { ROLES, type Role } from './roles.ts';
import { deleteUserSessions } from './sessions.ts';

export const newUserSchema = z
	.object({
		email: z.string().trim().toLowerCase().email('must be an email address').max(254),
		password: z
			.string()
			.min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
			.max(1024),
		role: z.enum(ROLES),
		providerId: z.string().trim().min(1).max(500).optional().nullable(),
		learnerId: z.string().trim().min(1).max(500).optional().nullable()
	})
	.superRefine((u, ctx) => {
		if (u.role === 'provider' && !u.providerId)
			ctx.addIssue({ code: 'custom', path: ['providerId'], message: 'a provider account needs --provider' });
		if (u.role === 'learner' && !u.learnerId)
			ctx.addIssue({ code: 'custom', path: ['learnerId'], message: 'a learner account needs --learner' });
		if (u.role !== 'provider' && u.providerId)
			ctx.addIssue({
				code: 'custom',
				path: ['providerId'],
				message: 'only provider accounts have a provider'
			});
		if (u.role !== 'learner' && u.learnerId)
			ctx.addIssue({ code: 'custom', path: ['learnerId'], message: 'only learner accounts have a learner' });
	});

export type NewUser = z.input<typeof newUserSchema>;
export type UserSummary = {
	id: number;
	email: string;
	role: Role;
	providerId: string | null;
	learnerId: string | null;
	disabled: boolean;
	createdAt: string;
};

export class UserError extends Error {}

export async function createUser(
	db: Db,
	input: NewUser,
	actorId: number | null = null
): Promise<UserSummary> {
	const parsed = newUserSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new UserError(`${issue.path.join('.') || 'user'}: ${issue.message}`);
	}
	const u = parsed.data;
	if (
		u.providerId &&
		(await db.orm.select({ id: providers.id }).from(providers).where(eq(providers.id, u.providerId)))
			.length === 0
	)
		throw new UserError(`providerId: no provider "${u.providerId}"`);
	if (
		u.learnerId &&
		(await db.orm.select({ id: learners.id }).from(learners).where(eq(learners.id, u.learnerId))).length === 0
	)
		throw new UserError(`learnerId: no learner "${u.learnerId}"`);
	if ((await db.orm.select({ id: users.id }).from(users).where(eq(users.email, u.email))).length > 0)
		throw new UserError(`email: an account with this email exists already`);
	const [row] = await db.orm
		.insert(users)
		.values({
			email: u.email,
			passwordHash: await hashPassword(u.password),
			role: u.role,
			providerId: u.providerId ?? null,
			learnerId: u.learnerId ?? null
		})
		.returning();
	await audit(db, {
		userId: actorId,
		action: 'user-created',
		detail: { user: row.id, email: row.email, role: row.role }
	});
	return summary(row);
}

const summary = (r: typeof users.$inferSelect): UserSummary => ({
	id: r.id,
	email: r.email,
	role: r.role as Role,
	providerId: r.providerId,
	learnerId: r.learnerId,
	disabled: r.disabled,
	createdAt: r.createdAt.toISOString()
});

export async function listUsers(db: Db): Promise<UserSummary[]> {
	return (await db.orm.select().from(users).orderBy(asc(users.id))).map(summary);
}

export async function findUserByEmail(db: Db, email: string) {
	const [row] = await db.orm.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
	return row;
}

export async function countUsers(db: Db): Promise<number> {
	return Number((await db.query<{ n: number }>(sql`select count(*)::int as n from users`))[0].n);
}

export async function setUserDisabled(db: Db, id: number, disabled: boolean, actorId: number | null) {
	await db.orm.update(users).set({ disabled }).where(eq(users.id, id));
	if (disabled) await deleteUserSessions(db, id);
	await audit(db, { userId: actorId, action: 'user-changed', detail: { user: id, disabled } });
}

export async function deleteUser(db: Db, id: number, actorId: number | null) {
	await db.orm.delete(users).where(eq(users.id, id));
	await audit(db, { userId: actorId, action: 'user-deleted', detail: { user: id } });
}
