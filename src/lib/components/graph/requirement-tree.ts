// The requirement tree is domain logic (the CLI prints it too): re-exported for the components.
export * from '$lib/domain/stacking/requirement-tree.ts';
