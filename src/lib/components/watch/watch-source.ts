// What the /watch page gives each of its panels besides the panel's slice of the answer: the
// definition (with the disclosure policy in force) and the data endpoint's CSV. Passed to Panel
// as they are.
export type WatchSource = { definition: string; csvHref: string };
