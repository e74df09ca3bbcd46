// Progress for long work: a bar redrawn in place on a terminal, plain lines (every 10%) otherwise,
// always on stderr so stdout stays clean for --json.
import type { ImportProgress } from '../import/records.ts';

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
	let lastStep = -1;
	let drawn = false;
	return {
		update(p: ImportProgress) {
			const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
			if (stream.isTTY) {
				const width = 30;
				const filled = Math.round(share * width);
				stream.write(
					`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${p.phase} ${p.file}`.slice(
						0,
						(stream.columns || 100) - 1
					)
				);
				drawn = true;
				if (p.phase === 'done') {
					stream.write('\n');
					drawn = false;
				}
			} else {
				const step = Math.floor(share * 10);
				if (step !== lastStep || p.phase === 'done') {
					lastStep = step;
					stream.write(
						`${p.phase === 'done' ? 'done' : 'importing'} ${p.file}: ${(share * 100).toFixed(0)}%\n`
					);
				}
			}
		},
		end() {
			if (drawn) stream.write('\n');
			drawn = false;
			lastStep = -1;
		}
	};
}
