// Saving what a panel shows: its table as CSV, its chart as SVG or PNG. Browser-only helpers.
//
// A chart on the page takes its colours from the page's stylesheet (classes, CSS variables); a
// file carries none of that, so every drawn element gets its computed style inlined, and the chart
// is framed as a figure one can paste into a report: title, the filters in words, the legend,
// the source line and the suppression note, all inside one SVG with no external reference.
// The frame's words are in the page's language; in a right-to-left page they are set from the
// right edge (the chart itself keeps its drawing, x growing rightwards).
import { m } from '../../paraglide/messages.js';

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

/** What frames an exported chart (the same words the page shows beside it). */
export type ExportFrame = {
	title: string;
	subtitle?: string;
	/** The active filters in words (filterWords). */
	filters?: string;
	/** "Source: Stackwise, <data sources>, as of <date>". */
	source?: string;
	/** The suppression note, when cells are withheld. */
	note?: string;
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const INLINED = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-anchor',
	'dominant-baseline',
	'visibility'
];
const PAD = 16;
const LINE = 18;

/** The chart with every element's computed style written on it, and nothing interactive. */
function inlinedChart(svg: SVGSVGElement): SVGSVGElement {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const originals = [svg, ...svg.querySelectorAll('*')];
	const copies = [clone, ...clone.querySelectorAll('*')];
	originals.forEach((original, i) => {
		const copy = copies[i] as SVGElement;
		const style = getComputedStyle(original);
		copy.setAttribute('style', INLINED.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
		copy.removeAttribute('class');
		copy.removeAttribute('tabindex');
		if (style.display === 'none') copy.remove();
	});
	// Tooltips belong to the page's pointer and keyboard, not to a figure.
	for (const tip of clone.querySelectorAll('.tooltip, [data-tooltip]')) tip.remove();
	for (const tip of [...copies].filter((c) => (c as Element).getAttribute?.('role') === 'tooltip'))
		tip.remove();
	return clone;
}

/** The legend drawn beside the chart on the page (HTML), as label and colour. */
function legendOf(svg: SVGSVGElement): { label: string; color: string }[] {
	const container = svg.closest('[data-panel]') ?? svg.parentElement;
	return [...(container?.querySelectorAll('.legend li') ?? [])].map((item) => {
		const swatch = item.querySelector('.swatch');
		const color = swatch ? getComputedStyle(swatch).backgroundColor : getComputedStyle(item).color;
		return { label: item.textContent?.trim() ?? '', color };
	});
}

/** Lines of at most `width` px (roughly: 0.55 em per character). */
function wrap(text: string, width: number, fontSize: number): string[] {
	const perLine = Math.max(20, Math.floor(width / (fontSize * 0.55)));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && (line + ' ' + word).length > perLine) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** Stacks lines of text, a legend and the chart down an SVG page; `y` is the bottom so far. */
class Page {
	readonly root = document.createElementNS(SVG_NS, 'svg');
	y = PAD;
	/** Right to left: lines start at the right edge and read leftwards. */
	readonly rtl = document.documentElement.dir === 'rtl';
	constructor(readonly width: number) {}

	text(content: string, size: number, fill: string, weight = '400') {
		for (const line of wrap(content, this.width - 2 * PAD, size)) {
			this.y += size + 4;
			const node = document.createElementNS(SVG_NS, 'text');
			node.setAttribute('x', String(this.rtl ? this.width - PAD : PAD));
			if (this.rtl) node.setAttribute('direction', 'rtl');
			node.setAttribute('y', String(this.y));
			node.setAttribute('font-size', String(size));
			node.setAttribute('font-weight', weight);
			node.setAttribute('fill', fill);
			node.textContent = line;
			this.root.append(node);
		}
	}

	/** Swatches and labels, wrapping to a new row when one would not fit. */
	legend(items: ReturnType<typeof legendOf>, ink: string) {
		if (items.length === 0) return;
		let x = PAD;
		this.y += LINE;
		for (const item of items) {
			const itemWidth = 24 + item.label.length * 7;
			if (x + itemWidth > this.width - PAD && x > PAD) {
				x = PAD;
				this.y += LINE;
			}
			// Mirrored in a right-to-left page: the swatch at the item's right, its label to its left.
			const start = this.rtl ? this.width - x : x;
			const swatch = document.createElementNS(SVG_NS, 'rect');
			swatch.setAttribute('x', String(this.rtl ? start - 12 : start));
			swatch.setAttribute('y', String(this.y - 10));
			swatch.setAttribute('width', '12');
			swatch.setAttribute('height', '12');
			swatch.setAttribute('fill', item.color);
			const label = document.createElementNS(SVG_NS, 'text');
			label.setAttribute('x', String(this.rtl ? start - 16 : start + 16));
			if (this.rtl) label.setAttribute('direction', 'rtl');
			label.setAttribute('y', String(this.y));
			label.setAttribute('font-size', '12');
			label.setAttribute('fill', ink);
			label.textContent = item.label;
			this.root.append(swatch, label);
			x += itemWidth + 12;
		}
	}
}

/** The chart as a standalone SVG document, framed with its title, filters, legend and source. */
export function svgText(svg: SVGSVGElement, frame: ExportFrame): string {
	const style = getComputedStyle(svg);
	const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	const ink = color('--ink', '#1a1a1a');
	const muted = color('--muted', '#555');
	const surface = color('--surface', '#ffffff');
	const view = svg.viewBox.baseVal;
	const chartWidth = view && view.width ? view.width : svg.clientWidth || 640;
	const chartHeight = view && view.height ? view.height : svg.clientHeight || 360;
	const width = Math.max(chartWidth, 480) + 2 * PAD;

	const page = new Page(width);
	const { root } = page;
	root.setAttribute('xmlns', SVG_NS);
	root.setAttribute('font-family', 'system-ui, -apple-system, "Segoe UI", sans-serif');
	const background = document.createElementNS(SVG_NS, 'rect');
	root.append(background);
	const title = document.createElementNS(SVG_NS, 'title');
	title.textContent = frame.title;
	root.append(title);
	page.text(frame.title, 16, ink, '650');
	if (frame.subtitle) page.text(frame.subtitle, 12, muted);
	if (frame.filters) page.text(m.chart_export_filters({ filters: frame.filters }), 12, muted);
	page.y += 8;

	const chart = inlinedChart(svg);
	chart.setAttribute('x', String(PAD));
	chart.setAttribute('y', String(page.y));
	chart.setAttribute('width', String(chartWidth));
	chart.setAttribute('height', String(chartHeight));
	chart.removeAttribute('style');
	root.append(chart);
	page.y += chartHeight + 8;

	page.legend(legendOf(svg), ink);
	if (frame.note) page.text(frame.note, 11, muted);
	if (frame.source) page.text(frame.source, 11, muted);
	const height = Math.ceil(page.y + PAD);

	root.setAttribute('width', String(width));
	root.setAttribute('height', String(height));
	root.setAttribute('viewBox', `0 0 ${width} ${height}`);
	background.setAttribute('width', '100%');
	background.setAttribute('height', '100%');
	background.setAttribute('fill', surface);
	return new XMLSerializer().serializeToString(root);
}

export function saveSvg(svg: SVGSVGElement, fileName: string, frame: ExportFrame) {
	saveBlob(new Blob([svgText(svg, frame)], { type: 'image/svg+xml' }), fileName);
}

export async function savePng(svg: SVGSVGElement, fileName: string, frame: ExportFrame, scale = 2) {
	const text = svgText(svg, frame);
	const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(text)!;
	const [width, height] = [Number(size[1]), Number(size[2])];
	const image = new Image();
	image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
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
