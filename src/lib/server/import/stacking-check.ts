// Stacking rules must not go round in circles (a unit that needs itself, a qualification inside
// its own parts). After a catalogue import, before it commits, the whole catalogue is built as a
// graph; a cycle refuses the import with the path that makes it.
import type { Orm } from '../db/client.ts';
import { buildStackingGraph, StackingCycleError } from '../../domain/stacking/index.ts';
import { getCatalogue } from '../queries/catalogue.ts';
import type { ImportIssue } from './records.ts';

export async function stackingCycleIssues(tx: Orm, file: string): Promise<ImportIssue[]> {
	try {
		buildStackingGraph({ catalogue: await getCatalogue({ orm: tx }) });
		return [];
	} catch (error) {
		if (error instanceof StackingCycleError) return [{ file, field: 'requirements', message: error.message }];
		throw error;
	}
}
