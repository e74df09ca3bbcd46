// What the current caller may see: the scope of their queries and whether small cells are
// withheld. Until accounts exist (issue 8) every caller is a system-wide viewer with suppression.
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import { readSettings } from '../config.ts';
import type { Scope } from '../queries/scope.ts';

export type Access = { scope: Scope; suppression: Suppression };

export function accessFor(_locals: App.Locals): Access {
	return { scope: { kind: 'system' }, suppression: { threshold: readSettings().suppressionThreshold } };
}
