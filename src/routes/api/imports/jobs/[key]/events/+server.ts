import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getImportJob, type JobEvent } from '$lib/server/import/jobs.ts';

// Server-sent events: the import's progress as it runs, then its report.
export const GET: RequestHandler = async ({ params, request }) => {
	const job = getImportJob(params.key);
	if (!job) error(404, 'No running import with this key');
	const encoder = new TextEncoder();
	let listener: ((event: JobEvent) => void) | undefined;
	const stream = new ReadableStream({
		start(controller) {
			const send = (event: JobEvent) => {
				controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
				if (event.type !== 'progress') {
					job.events.off('event', send);
					controller.close();
				}
			};
			listener = send;
			if (job.last) send(job.last);
			if (job.last?.type === 'progress' || !job.last) job.events.on('event', send);
			request.signal.addEventListener('abort', () => job.events.off('event', send));
		},
		cancel() {
			if (listener) job.events.off('event', listener);
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' }
	});
};
