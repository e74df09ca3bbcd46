import type { Actions, PageServerLoad } from './$types';
import { mappingActions, mappingStep } from '$lib/server/http/import-mapping.ts';

// The mapping step of an upload no importer recognised: its layout, first rows and a draft profile.
export const load: PageServerLoad = ({ params }) => mappingStep(params.key);

const form = async ({ params, request, locals }: Parameters<Actions[string]>[0]) => ({
	key: params.key,
	form: await request.formData(),
	userId: locals.user?.id ?? null
});

export const actions: Actions = {
	preview: async (event) => mappingActions.preview(await form(event)),
	save: async (event) => mappingActions.save(await form(event)),
	import: async (event) => mappingActions.import(await form(event))
};
