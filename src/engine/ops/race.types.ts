/** Race operations (args/results: plain data only). Filled in by the feature that owns them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RaceOps {}
