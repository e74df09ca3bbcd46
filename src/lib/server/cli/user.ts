// `stackwise user …`: accounts from the command line (the first admin, scripted set-ups).
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createUser, listUsers, UserError } from '../auth/users.ts';
import { ROLES } from '../auth/roles.ts';
import { UsageError, command, subcommands } from './args.ts';

async function readPassword(prompt: string, stderr: NodeJS.WriteStream): Promise<string> {
	const rl = createInterface({
		input: process.stdin,
		output: process.stdin.isTTY ? stderr : undefined,
		terminal: Boolean(process.stdin.isTTY)
	});
	if (process.stdin.isTTY) {
		// Hide what is typed.
		(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
			if (s.includes(prompt)) stderr.write(prompt);
		};
	}
	const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
	rl.close();
	if (process.stdin.isTTY) stderr.write('\n');
	return answer.replace(/\r?\n$/, '');
}

const listUsersCommand = command({
	options: { json: { type: 'boolean', default: false } },
	run: async ({ values }, { openDb, stdout }) => {
		const users = await listUsers(await openDb());
		if (values.json) stdout.write(JSON.stringify(users) + '\n');
		else
			for (const u of users)
				stdout.write(
					`${u.id}\t${u.email}\t${u.role}${u.providerId ? `\t${u.providerId}` : ''}${u.learnerId ? `\t${u.learnerId}` : ''}${u.disabled ? '\tdisabled' : ''}\n`
				);
		return 0;
	}
});

const addUserCommand = command({
	options: {
		email: { type: 'string' },
		role: { type: 'string' },
		provider: { type: 'string' },
		learner: { type: 'string' },
		'password-stdin': { type: 'boolean', default: false },
		'generate-password': { type: 'boolean', default: false },
		json: { type: 'boolean', default: false }
	},
	run: async ({ values }, { openDb, stdout, stderr }) => {
		if (!values.email) throw new UsageError('user add needs --email');
		if (!values.role || !(ROLES as readonly string[]).includes(values.role))
			throw new UsageError(`user add needs --role ${ROLES.join('|')}`);
		let password: string;
		let generated = false;
		if (values['generate-password'] || (!values['password-stdin'] && !process.stdin.isTTY)) {
			password = randomBytes(18).toString('base64url');
			generated = true;
		} else password = await readPassword('Password (12 characters or more): ', stderr);
		try {
			const user = await createUser(await openDb(), {
				email: values.email,
				password,
				role: values.role as (typeof ROLES)[number],
				providerId: values.provider ?? null,
				learnerId: values.learner ?? null
			});
			if (values.json) stdout.write(JSON.stringify({ ...user, ...(generated ? { password } : {}) }) + '\n');
			else {
				stdout.write(`created ${user.role} ${user.email} (#${user.id})\n`);
				if (generated) stdout.write(`password: ${password}\n(shown once; sign in and keep it safe)\n`);
			}
			return 0;
		} catch (error) {
			if (error instanceof UserError) throw new UsageError(error.message);
			throw error;
		}
	}
});

export const userCommand = subcommands(
	{ list: listUsersCommand, add: addUserCommand },
	'user: use "user add" or "user list"'
);
