// A panel's SVG and PNG downloads are of the chart drawn inside it: the chart hands its <svg> to
// the panel around it (nothing happens outside a panel), so no panel threads a binding by hand.
import { getContext, setContext } from 'svelte';

/** Takes a chart's <svg>; what it returns gives it back when the chart goes. */
type TakeSvg = (svg: SVGSVGElement) => () => void;
const KEY = Symbol('chart-svg');

export const setChartSvgTaker = (take: TakeSvg) => setContext(KEY, take);
export const getChartSvgTaker = (): TakeSvg | undefined => getContext(KEY);
