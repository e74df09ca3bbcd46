#!/usr/bin/env node
// The `stackwise` command. It runs the TypeScript sources through tsx, so the CLI shares every
// line of import, query and domain code with the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/lib/server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
