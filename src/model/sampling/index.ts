/**
 * Temperature without logits (CALM §5): exact and batch-approximation samplers over a black box that
 * draws decoded K-token chunks. Browser-safe and pure (no TensorFlow.js, no Node imports, no Math.random).
 */
export * from './types.ts';
export { splitTemperature, SNAP_TOLERANCE } from './temperature.ts';
export { sampleExact, sampleExactReciprocal } from './exact.ts';
export { sampleBatch, batchWeights, binomialWeight, pickCandidate, extensionLabel } from './batch.ts';
export {
  categoricalDrawer,
  toCategorical,
  parseOutcomeKey,
  temperedDistribution,
  expectedDraws,
  totalVariation,
  empiricalDistribution,
  type CategoricalSpec,
  type Categorical,
} from './toy.ts';
