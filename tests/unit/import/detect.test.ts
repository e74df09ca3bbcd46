// The format detector on every vendored and own fixture, by content: a misleading extension
// does not change the answer.
import { describe, expect, it } from 'vitest';
import { detectFormat, DETECT_HEAD_BYTES } from '../../../src/lib/server/import/detect.ts';
import { fixture, fixtureFiles } from './helpers.ts';

const head = (path: string) => fixture(path).subarray(0, DETECT_HEAD_BYTES);
const detect = (path: string, fileName = path) => detectFormat({ fileName, head: head(path) });

describe('detectFormat', () => {
	it('recognises Open Badges 3.0 in JSON, .1ob, VC-JWT and baked PNG/SVG', () => {
		for (const f of [
			'simple.1ob',
			'simple_v1.json',
			'simple.jwt',
			'velocity.jwt',
			'simple-jwt.png',
			'simple-json.svg',
			'simple-jwt.svg',
			'endorsement-valid.json',
			'sd/derivedcredential.json'
		])
			expect(detect(`open-badges/ob30/${f}`), f).toBe('ob3');
	});
	it('recognises CLR 2.0', () => {
		for (const f of fixtureFiles('open-badges/clr20')) expect(detect(f), f).toBe('clr');
	});
	it('recognises Open Badges 2.0 assertions, badge classes, issuers and baked PNG', () => {
		for (const f of [
			'basic-assertion.json',
			'simple-badge.png',
			'assets/robotics-badge.json',
			'assets/organization.json',
			'assets/issuer1.json'
		])
			expect(detect(`open-badges/ob20/${f}`), f).toBe('ob2');
	});
	it('recognises ELM plain, uploadable and JAdES-signed', () => {
		for (const f of fixtureFiles('elm').filter((f) => /\.(json|jsonld)$/.test(f)))
			expect(detect(f), f).toBe('elm');
	});
	it('recognises CTDL compact, expanded and concatenated', () => {
		for (const f of fixtureFiles('ctdl').filter((f) => f.endsWith('json') || f.endsWith('jsonld')))
			expect(detect(f), f).toBe('ctdl');
	});
	it('goes by content, not by extension', () => {
		expect(detect('open-badges/ob30/simple.1ob', 'badge.png')).toBe('ob3');
		expect(detect('elm/credential-sample.jsonld', 'x.jwt')).toBe('elm');
	});
	it('recognises presentations, and other verifiable credentials as such', () => {
		expect(detect('w3c-vc2/input/presentation-enveloped-vc-ok.json')).toBe('vp');
		expect(detect('w3c-vc2/input/presentation-vc-ok.json')).toBe('vp');
		expect(detect('w3c-vc2/input/credential-ok.json')).toBe('vc');
		// A status list is a credential too, though no record: read, and rejected with its type named.
		expect(detect('open-badges/ob30/bit-string-list/testlist')).toBe('vc');
	});
	it('says null for anything else', () => {
		for (const f of [
			'open-badges/ob20/assets/robotics-badge.png',
			'open-badges/SOURCE.md',
			'open-badges/ob20/assets/openbadges_context.json'
		])
			expect(detect(f), f).toBeNull();
		expect(detectFormat({ fileName: 'empty.json', head: new Uint8Array() })).toBeNull();
		expect(detectFormat({ fileName: 'x.csv', head: new TextEncoder().encode('id,name\n1,a\n') })).toBeNull();
	});
	it('works on a truncated head', () => {
		expect(
			detectFormat({ fileName: 'x', head: head('elm/Sample-MC-Annex1-signed.jsonld').subarray(0, 300) })
		).toBe('elm');
		// Bakers put the iTXt chunk after the image data: a PNG head must reach it (DETECT_HEAD_BYTES).
		expect(
			detectFormat({ fileName: 'x', head: head('open-badges/ob30/simple-jwt.png').subarray(0, 400) })
		).toBeNull();
	});
});
