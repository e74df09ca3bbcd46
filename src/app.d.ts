// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/roles.ts';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user, or null (set in hooks.server.ts). */
			user: SessionUser | null;
		}
		// interface Error {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

// HTML's translate attribute on SVG text too: a chart's labels that are data (names, codes as
// imported) say so, as HTML elements do (docs/decisions/0019).
declare module 'svelte/elements' {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the augmented interface's own parameter
	interface SVGAttributes<T extends EventTarget> {
		translate?: 'yes' | 'no' | null;
	}
}

export {};
