// training.gov.au release import: the public surface the loader and CLI use.
export { parseTgaRelease, tgaUnits, aqfLevel, type TgaRelease } from './parse.ts';
