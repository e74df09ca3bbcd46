// Applying a dashboard's filter form: the URL is the only state of a page's filters, so applying
// is navigating to the form's query, with empty fields dropped (a link holds only what was
// chosen). Without JavaScript the form still submits as a plain GET.
import { goto } from '$app/navigation';
import { queryOfForm } from '../dashboard/filter-context.ts';

export function applyFilters(event: SubmitEvent) {
	event.preventDefault();
	const form = event.currentTarget as HTMLFormElement;
	void goto(location.pathname + queryOfForm(new FormData(form)), { keepFocus: true, noScroll: true });
}
