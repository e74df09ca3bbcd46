// The one name of each way the dashboards break figures down: the learner attributes equity is
// measured on and the credential attributes awards are counted by, in the reader's language.
// A name leads a label or an option ("Age band"); inside a sentence it is written in lower case
// ("by age band").
import { dimensionLabel } from '../../i18n/names.ts';

/** A dimension's name as a label ("Age band"); a key it does not know, spaced. */
export const dimensionName = (key: string) => dimensionLabel(key) ?? key.replace(/_/g, ' ');

/** A dimension's name inside a sentence ("by age band"). */
export const dimensionWords = (key: string) => dimensionName(key).toLowerCase();
