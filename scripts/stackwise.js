#!/usr/bin/env node
// The `stackwise` command. It runs the TypeScript sources through tsx, so the CLI shares every
// line of import, query and domain code with the app.
import { register } from 'tsx/esm/api';

register();
// `stackwise catalogue list | head`: a reader that stops early ends the output, not with a stack trace.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});
const { main } = await import('../src/lib/server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
