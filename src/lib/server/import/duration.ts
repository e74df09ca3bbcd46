// ISO 8601 durations (xsd:duration) as hours of learning, for ELM `volumeOfLearning` and
// `workload`. A "day" or "month" of learning has no fixed number of hours, so only hours,
// minutes and seconds are converted; a duration with a date part (P2M, P1D) returns undefined
// and the caller keeps it as a note.
export function durationHours(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const m = /^P(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)$/.exec(value.trim());
	if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
	const hours = Number(m[1] ?? 0) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600;
	return Math.round(hours * 1000) / 1000;
}
