// Streaming writers of Stackwise tables as CSV templates or Arrow IPC files, in batches, waiting
// for the disk when it is slower than the producer: exports and the generator write through here.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { RecordBatchFileWriter } from 'apache-arrow';
import { toCsv } from '../../../csv.ts';
import type { ImportTable } from '../records.ts';
import { rowToFlat, TABLES } from '../tables.ts';
import { arrowSchema, recordBatch } from './arrow-types.ts';

export type TableFormat = 'csv' | 'arrow';

const BATCH = 20_000;

export class TableWriter {
	private out: WriteStream;
	private pending: Record<string, unknown>[] = [];
	private arrow: RecordBatchFileWriter | null = null;
	private columns: { key: string; label: string; value: (row: Record<string, unknown>) => string }[];
	rows = 0;

	constructor(
		readonly table: ImportTable,
		readonly path: string,
		readonly format: TableFormat
	) {
		this.columns = TABLES[table].columns.map((col) => ({
			key: col.name,
			label: col.name,
			value: (row: Record<string, unknown>) => row[col.name] as string
		}));
		this.out = createWriteStream(path);

		if (format === 'arrow') {
			this.arrow = new RecordBatchFileWriter();
			this.arrow.toNodeStream().pipe(this.out);
			this.arrow.reset(undefined, arrowSchema(table));
		} else this.out.write(toCsv([], this.columns));
	}

	/** Adds a domain-shaped row (field names of tables.ts). */
	async write(row: Record<string, unknown>) {
		this.pending.push(row);
		this.rows++;
		if (this.pending.length >= BATCH) await this.flush();
	}

	private async flush() {
		if (this.pending.length === 0) return;
		const flat = this.pending.map((row) => rowToFlat(this.table, row));
		this.pending = [];
		if (this.arrow) this.arrow.write(recordBatch(arrowSchema(this.table), this.table, flat));
		else if (!this.out.write(toCsv(flat, this.columns, { header: false }))) await once(this.out, 'drain');
		if (this.out.writableNeedDrain) await once(this.out, 'drain');
	}

	async close() {
		await this.flush();
		if (this.arrow) this.arrow.finish();
		else this.out.end();
		await finished(this.out);
	}
}
