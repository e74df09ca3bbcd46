// Public surface of the bundled JSON-LD contexts and their offline loader.
export { BUNDLED_CONTEXTS, NotBundledError, offlineDocumentLoader } from './contexts.ts';
