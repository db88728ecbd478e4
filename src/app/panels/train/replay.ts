/**
 * The recorded default run (public/train/replay.json, `npm run train-replay`): what the Train panel shows,
 * marked as a replay, before the engine is ready or where this machine is too slow to train live.
 */
import type { LiveRunSettings } from '../../../model/live-training.ts';

export interface TrainReplay {
  format: 'calm-playground-train-replay';
  recorded: string;
  machine: string;
  setup: { a: LiveRunSettings; b: LiveRunSettings; seed: number };
  model: { d: number; ffn: number; batchChunks: number; lr: number; warmupSteps: number; totalSteps: number };
  params: { a: number; b: number };
  /** Held-out accuracy at z = μ (and the last training losses) every 25 steps; seconds exclude evaluations. */
  points: { step: number; seconds: number; lossA: number; lossB: number; a: number; b: number }[];
  /** Accuracy against relative σ every 100 steps. */
  sweeps: {
    step: number; seconds: number;
    a: { s: number; accuracy: number }[]; b: { s: number; accuracy: number }[];
    sigmaA: number; rmsA: number; rmsB: number;
  }[];
}

/** Check a fetched replay's shape (null when it is not one). */
export function parseReplay(x: unknown): TrainReplay | null {
  const r = x as Partial<TrainReplay> | null;
  if (!r || r.format !== 'calm-playground-train-replay' || !Array.isArray(r.points) || !Array.isArray(r.sweeps) || r.points.length === 0) return null;
  const ok = r.points.every((p) => [p.step, p.seconds, p.a, p.b].every((v) => typeof v === 'number' && Number.isFinite(v)));
  return ok ? (r as TrainReplay) : null;
}

/** The first recorded point where `pred` holds, or null. */
export function firstPoint(r: TrainReplay, pred: (p: TrainReplay['points'][number]) => boolean): TrainReplay['points'][number] | null {
  return r.points.find(pred) ?? null;
}

export async function fetchReplay(): Promise<TrainReplay | null> {
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}train/replay.json`);
    return res.ok ? parseReplay(await res.json()) : null;
  } catch {
    return null;
  }
}
