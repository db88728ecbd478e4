/**
 * Train operations (the Train panel: two chunk autoencoders trained live in the engine's worker, side by
 * side; args/results are plain data only). The model code is src/model/live-training.ts.
 *
 * One `trainStep` call is one step of both runs (A then B, the same batch and noise seed), so the panel's
 * loop is a chain of short jobs: Pause acts after at most one step, and another panel's job waits at most
 * one step in the engine's queue.
 */
import type { LiveRunSettings } from '../../model/live-training.ts';

export type { LiveRunSettings } from '../../model/live-training.ts';

export type TrainRunName = 'a' | 'b';

export interface TrainSetup {
  a: LiveRunSettings;
  b: LiveRunSettings;
  seed: number;
}

export interface TrainInfoResult {
  /** Tokens in the training and held-out samples, and the splits they were cut from. */
  sampleTokens: number;
  heldoutTokens: number;
  splitTokens: number;
  sampleBytes: number;
  model: { d: number; ffn: number; batchChunks: number; lr: number; warmupSteps: number; totalSteps: number; K: number };
  /** Relative σ levels of the robustness curve and how many held-out chunks it decodes. */
  relativeSigmas: number[];
  sweepChunks: number;
  /** The live session, if one exists: its setup and steps done. */
  session: { setup: TrainSetup; step: number } | null;
  backend: string;
}

export interface TrainStepArgs {
  setup: TrainSetup;
  /**
   * Steps the caller believes are done. 0 starts a new session with `setup` (replacing any); otherwise the
   * session must exist at exactly this step with this setup, or the call fails (it was reset, or lost with
   * a GPU device) instead of silently starting over.
   */
  fromStep: number;
}

export interface TrainRunStep {
  loss: number;
  ce: number;
  kl: number;
  trainAccuracy: number;
}

export interface TrainStepResult {
  step: number;
  a: TrainRunStep;
  b: TrainRunStep;
  /** Engine milliseconds of this step of both runs. */
  ms: number;
  /** Trainable parameters of each run. */
  params: { a: number; b: number };
}

export interface TrainRunEval {
  accuracy: number;
  latentRms: number;
  meanSigma: number;
  /** Accuracy at each relative σ (empty unless the call asked for the sweep). */
  byRelativeSigma: { s: number; accuracy: number }[];
  /** With a sweep: the z = μ accuracy on the sweep's own held-out chunks (its σ = 0 point), else null. */
  sweepClean: number | null;
}

export interface TrainEvalArgs {
  sweep: boolean;
}

export interface TrainEvalResult {
  step: number;
  a: TrainRunEval;
  b: TrainRunEval;
  ms: number;
}

export interface TrainExportArgs {
  run: TrainRunName;
}

export interface TrainExportResult {
  /** The bundle's three files (manifest, model.json, weights.bin). */
  files: { name: string; bytes: Uint8Array }[];
  step: number;
}

export interface CustomAEInfo {
  /** Changes whenever another custom autoencoder is set (panels redo their work on a change). */
  id: number;
  /** What the panels call it: "your autoencoder (run A, step 1,200)" or "your autoencoder (file x)". */
  label: string;
  latent: number;
  variational: boolean;
  params: number;
  /** Held-out latent RMS (the `rel` noise scale in Noise); null when a loaded file records none (Noise then uses the text's). */
  latentRms: number | null;
}

export interface TrainUseArgs {
  /** A run of the live session (a copy of its weights now), or null to stop using a custom autoencoder. */
  run: TrainRunName | null;
}

export interface TrainImportArgs {
  files: { name: string; bytes: Uint8Array }[];
}

export interface TrainUseResult {
  custom: CustomAEInfo | null;
}

export interface TrainOps {
  trainInfo: { args: Record<string, never>; result: TrainInfoResult };
  trainStep: { args: TrainStepArgs; result: TrainStepResult };
  trainEval: { args: TrainEvalArgs; result: TrainEvalResult };
  trainReset: { args: Record<string, never>; result: { freed: boolean } };
  trainExport: { args: TrainExportArgs; result: TrainExportResult };
  /** Send a run's autoencoder to Compress and Noise (a snapshot), or stop using one. */
  trainUse: { args: TrainUseArgs; result: TrainUseResult };
  /** Load a downloaded bundle (the same checks as shipped weights) and use it in Compress and Noise. */
  trainImport: { args: TrainImportArgs; result: TrainUseResult };
  customAEInfo: { args: Record<string, never>; result: TrainUseResult };
}
