// Lets the importer read and check the next chunk while the previous one is being written.

/** Async work run one piece at a time, in order, while the caller goes on with its own. */
export class OneAtATime {
	last: Promise<void> = Promise.resolve();

	/** Waits for the previous piece (throwing its failure), then starts this one without waiting. */
	async start(work: () => Promise<void>): Promise<void> {
		await this.last;
		this.last = work();
		// Seen when awaited; until then, not an unhandled rejection.
		this.last.catch(() => {});
	}

	/** Once the last piece has ended, failed or not. */
	settled(): Promise<void> {
		return this.last.then(
			() => {},
			() => {}
		);
	}
}
