// The one name of each way the dashboards break figures down: the learner attributes equity is
// measured on and the credential attributes awards are counted by. A name leads a label or an
// option ("Age band"); inside a sentence it is written in lower case ("by age band").
import type { GroupDimension } from '../../domain/types.ts';

const NAMES: Record<GroupDimension | 'level' | 'provider_kind' | 'mode' | 'qa_approach', string> = {
	gender: 'Gender',
	age_band: 'Age band',
	disability: 'Disability',
	deprivation_band: 'Deprivation band',
	region: 'Region',
	prior_education: 'Prior education',
	level: 'Level',
	provider_kind: 'Provider kind',
	mode: 'Mode',
	qa_approach: 'QA approach'
};

/** A dimension's name as a label ("Age band"); a key it does not know, spaced. */
export const dimensionName = (key: string) => NAMES[key as keyof typeof NAMES] ?? key.replace(/_/g, ' ');

/** A dimension's name inside a sentence ("by age band"). */
export const dimensionWords = (key: string) => dimensionName(key).toLowerCase();
