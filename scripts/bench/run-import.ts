// One timed import of generated files (import-child.ts) in a process of its own, for the
// benchmarks that need a large database: resolves with its seconds and rows.
import { spawn } from 'node:child_process';

export function importChild(dir: string, url: string): Promise<{ seconds: number; rows: number }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/import-child.ts', dir, 'csv'], {
			env: { ...process.env, DATABASE_URL: url, STACKWISE_DATA_DIR: '' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(out.trim().split('\n').pop()!))
				: reject(new Error(`import exited ${code}: ${out.slice(-500)}`))
		);
	});
}
