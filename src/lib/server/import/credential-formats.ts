// One entry point for the credential formats (Open Badges 2.0/3.0, CLR 2.0, ELM, CTDL): the
// loader detects a file's format from its head, then hands its bytes here.
import type { ParsedUnit } from './records.ts';
import type { JsonLimits } from './json/index.ts';
import { detectFormat, DETECT_HEAD_BYTES, type CredentialFormat } from './detect.ts';
import { parseOpenBadges } from './openbadges/index.ts';
import { parseElm } from './elm/index.ts';
import { parseCtdl } from './ctdl/index.ts';
import { parsePresentation } from './presentation/index.ts';

export { detectFormat, DETECT_HEAD_BYTES, type CredentialFormat };
export { fileResolver } from './openbadges/index.ts';

export type CredentialFileInput = {
	format: CredentialFormat;
	file: string;
	bytes: Uint8Array;
	/** The instant expiry is judged against (default: now). */
	now?: Date;
	/** Related documents supplied with the import (Open Badges, presentations); nothing is fetched. */
	resolve?: (id: string) => unknown;
	limits?: JsonLimits;
};

export function parseCredentialFile(input: CredentialFileInput): AsyncGenerator<ParsedUnit> {
	switch (input.format) {
		case 'ob2':
		case 'ob3':
		case 'clr':
			return parseOpenBadges(input);
		case 'elm':
			return parseElm(input);
		case 'ctdl':
			return parseCtdl(input);
		case 'vp':
		case 'vc':
			return parsePresentation(input);
	}
}
