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

export {};
