// Public surface of the Open Badges / CLR importer.
export { parseOpenBadges, type OpenBadgesInput, contextOf, readEnvelope, type Context } from './parse.ts';
export { documentResolver, fileResolver } from './resolver.ts';
export { readEnvelopes } from './envelope.ts';
export { vcKind } from './structure.ts';
