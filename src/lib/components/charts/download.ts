// Saving what a panel shows: its table as CSV, its chart as SVG or PNG. Browser-only helpers.

export function saveBlob(blob: Blob, fileName: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The SVG as a standalone document, with the page's resolved colours inlined. */
export function svgText(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	const style = getComputedStyle(svg);
	const vars = ['--ink', '--muted', '--rule', '--accent', '--accent-2', '--warn', '--surface']
		.map((v) => `${v}: ${style.getPropertyValue(v)};`)
		.join(' ');
	clone.setAttribute(
		'style',
		`${vars} font-family: system-ui, sans-serif; background: ${style.getPropertyValue('--surface')}`
	);
	return new XMLSerializer().serializeToString(clone);
}

export function saveSvg(svg: SVGSVGElement, fileName: string) {
	saveBlob(new Blob([svgText(svg)], { type: 'image/svg+xml' }), fileName);
}

export async function savePng(svg: SVGSVGElement, fileName: string, scale = 2) {
	const { width, height } = svg.viewBox.baseVal;
	const image = new Image();
	image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText(svg));
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = width * scale;
	canvas.height = height * scale;
	const context = canvas.getContext('2d')!;
	context.scale(scale, scale);
	context.drawImage(image, 0, 0, width, height);
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
	if (blob) saveBlob(blob, fileName);
}
