// How a group is named in equity output. One dimension: its value ("F", "not stated"), or
// null for everyone. A pair of dimensions: "F × Y" — the two values joined by " × "
// (U+00D7 with a space each side), in the order the dimensions were asked for; the two
// parts are returned beside it as `groups`, so nobody has to split the key.

export const PAIR_SEPARATOR = ' × ';

/** A group as the query layer gives it: null (everyone), one value, or a pair of values. */
export type GroupInput = string | null | readonly [string, string];

export type GroupName = { group: string | null; groups?: [string, string] };

export function groupName(input: GroupInput): GroupName {
	if (input === null || typeof input === 'string') return { group: input };
	if (!Array.isArray(input) || input.length !== 2 || !input.every((part) => typeof part === 'string')) {
		throw new Error(`groupName: ${JSON.stringify(input)} is not null, a value or a pair of values`);
	}
	return { group: `${input[0]}${PAIR_SEPARATOR}${input[1]}`, groups: [input[0], input[1]] };
}
