// The data endpoint behind a panel, with the page's filters: what its Arrow download fetches.
export function apiHref(
	path: string,
	pageSearch: URLSearchParams,
	overrides: Record<string, string>
): string {
	const params = new URLSearchParams();
	for (const [key, value] of pageSearch) if (value !== '' && key !== 'by2') params.set(key, value);
	for (const [key, value] of Object.entries(overrides)) params.set(key, value);
	return `${path}?${params}`;
}
