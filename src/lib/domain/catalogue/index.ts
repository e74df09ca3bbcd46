// The catalogue search's public surface: words and facets over credentials.
export { type Facet, type FacetCount, type FacetedHit, facetHits, FACETS, searchWords } from './search.ts';
