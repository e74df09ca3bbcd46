import { join } from 'node:path';
import { projectRoot } from '../config.ts';

/** The real data shipped in the repository, loaded into an empty database at start-up. */
export function bundledDataPath(name: 'oulad' | 'tga' = 'oulad'): string {
	return join(projectRoot(), 'data', name);
}
