// What the current caller may see: the scope of their queries, whether small cells are withheld
// and whether learner ids are shown. Every load function and endpoint goes through here.
import { readSettings } from '../config.ts';
import { accessOf, type Access } from './roles.ts';

export type { Access } from './roles.ts';

// Read once, at start-up: every answer of this process follows the same policy.
const policy = readSettings().disclosure;

export function accessFor(locals: App.Locals): Access {
	return accessOf(locals.user ?? null, policy);
}
