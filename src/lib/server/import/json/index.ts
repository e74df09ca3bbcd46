// Public surface of the JSON reading helpers: limits, decoding and typed values.
export {
	DEFAULT_JSON_LIMITS,
	type JsonLimits,
	parseJsonLimited,
	parseSegment,
	splitJsonDocuments
} from './limits.ts';
export { asArray, idOf, isObject, type JsonObject, num, str, text, typesOf } from './values.ts';
export { decodeText } from './text.ts';
