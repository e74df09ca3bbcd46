import { audit } from '../auth/audit.ts';
import { exportTables, type ExportFormat } from '../import/flat/index.ts';
import { TABLE_ORDER, type ImportTable } from '../import/records.ts';
import { UsageError, command } from './args.ts';

export const exportCommand = command({
	options: {
		format: { type: 'string', default: 'arrow' },
		out: { type: 'string', default: 'export' },
		table: { type: 'string', multiple: true },
		json: { type: 'boolean', default: false }
	},
	run: async ({ values }, { openDb, stdout, stderr }) => {
		if (values.format !== 'arrow' && values.format !== 'csv')
			throw new UsageError('--format must be arrow or csv');
		const tables = (values.table ?? [...TABLE_ORDER]).flatMap((t) => t.split(','));
		for (const table of tables)
			if (!(TABLE_ORDER as readonly string[]).includes(table))
				throw new UsageError(`--table: "${table}" is not one of ${TABLE_ORDER.join(', ')}`);
		const db = await openDb();
		const files = await exportTables(db, {
			format: values.format as ExportFormat,
			outDir: values.out!,
			tables: tables as ImportTable[]
		});
		// Raw rows leaving the system: the audit log keeps who (the operator at the command line) and what.
		await audit(db, {
			userId: null,
			action: 'export',
			detail: { via: 'cli', format: values.format, files: files.map((f) => ({ path: f.path, rows: f.rows })) }
		});
		if (values.json) stdout.write(JSON.stringify({ files }) + '\n');
		else for (const f of files) stderr.write(`${f.path}: ${f.rows} rows\n`);
		return 0;
	}
});
