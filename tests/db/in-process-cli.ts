// `stackwise …` run in this process on a database the test holds, its output captured.
import { Writable } from 'node:stream';
import { main } from '../../src/lib/server/cli/main.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

export async function runCli(db: Db, args: string[]) {
	let out = '';
	let err = '';
	const sink = (write: (s: string) => void) =>
		new Writable({
			write(chunk, _enc, done) {
				write(String(chunk));
				done();
			}
		}) as unknown as NodeJS.WriteStream;
	const code = await main(args, {
		openDb: async () => db,
		stdout: sink((s) => (out += s)),
		stderr: sink((s) => (err += s))
	});
	return { code, out, err };
}
