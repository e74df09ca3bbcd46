// How many requests the embedded database's server works on at once; the rest wait their turn in
// arrival order. PGlite runs every query and every page on one thread, so more at once adds no
// throughput, and it lengthens each turn of the event loop, in which Node accepts about one new
// connection: fifty clients opening at once were let in over many seconds, and their first
// requests timed out (10 s) while the others' were answered. Measured with 50 clients for 20 s on
// the generated /system view (demo data): 20 timeouts with every request at once, 0 with four at
// a time (and a turn of the event loop before each query, db/client.ts; either alone: 20 and 60);
// with eight at a time, 4.

export class RequestGate {
	private active = 0;
	private readonly waiting: (() => void)[] = [];

	constructor(private readonly limit: number) {}

	/** Resolves when the caller may go on; call `leave` once done. */
	async enter(): Promise<void> {
		if (this.active < this.limit) {
			this.active++;
			return;
		}
		// The slot passes straight from the one leaving to the first waiting.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	leave(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}
}
