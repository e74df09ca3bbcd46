// Public surface of the Open Badges / CLR importer.
export { parseOpenBadges, type OpenBadgesInput } from './parse.ts';
export { documentResolver, fileResolver } from './resolver.ts';
