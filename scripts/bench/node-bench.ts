/**
 * The Node half of `npm run bench` (WASM backend, one thread): training tokens/s of each shipped model's
 * configuration (scripts/bench-lm-step.ts, random weights and ids) and the generation profile of the
 * shipped stories models (scripts/bench/profile-generate.ts). Each runs as its own process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function runTsx(root: string, script: string, args: string[], log: (s: string) => void): Record<string, unknown>[] {
  log(`[bench] node: ${script} ${args.join(' ')}`);
  const r = spawnSync('npx', ['tsx', script, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
  return jsonLines(r.stdout);
}

interface ModelJson {
  config: { backbone: Record<string, number>; head?: { width: number; blocks: number; noiseDim: number }; samples?: number; targets?: number; K?: number; vocabSize: number };
  training?: { batch?: number; contextTokens?: number };
}

export interface TrainingBench {
  model: string;
  batch: number;
  contextTokens: number;
  stepMs: number;
  tokensPerSecond: number;
  partsMs: Record<string, number>;
  /** Analytic training FLOPs per token (src/model/flops.ts) and the achieved rate, against the matmul peak. */
  trainFlopsPerToken?: number;
  gflops?: number;
  shareOfPeak?: number;
}

/**
 * Achieved training GFLOP/s of the shipped stories LMs' configurations (their manifest's analytic training FLOPs
 * per token × tokens/s) and of the autoencoders (scripts/bench/train-gflops.ts), against the single-thread WASM
 * matmul peak measured in the same process.
 */
export function trainingGflops(root: string, lms: TrainingBench[], log: (s: string) => void): { peakGflops: number; rows: TrainingBench[] } {
  const lines = runTsx(root, 'scripts/bench/train-gflops.ts', [], log);
  const peak = Number(lines.find((l) => l.kind === 'matmul-peak')?.gflops);
  const manifest = JSON.parse(readFileSync(path.join(root, 'public', 'weights', 'manifest.json'), 'utf8')) as { models: Record<string, { training?: { trainFlopsPerToken?: number } }> };
  const rows: TrainingBench[] = lms.map((r) => {
    const f = manifest.models[`stories-${r.model}`]?.training?.trainFlopsPerToken;
    return f ? { ...r, trainFlopsPerToken: f, gflops: (f * r.tokensPerSecond) / 1e9, shareOfPeak: (f * r.tokensPerSecond) / 1e9 / peak } : r;
  });
  for (const l of lines.filter((x) => x.kind === 'ae-training')) {
    rows.push({
      model: String(l.model), batch: Number(l.batchChunks), contextTokens: 4, stepMs: Number(l.stepMs), tokensPerSecond: Number(l.tokensPerSecond), partsMs: {},
      trainFlopsPerToken: Number(l.flopsPerToken), gflops: Number(l.gflops), shareOfPeak: Number(l.gflops) / peak,
    });
  }
  return { peakGflops: peak, rows };
}

/** Training step speed with the shipped stories models' configurations (batch and context as trained). */
export function trainingBench(root: string, steps: number, log: (s: string) => void): TrainingBench[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'public', 'weights', 'manifest.json'), 'utf8')) as { models: Record<string, ModelJson> };
  const calm = manifest.models['stories-calm'];
  const ae = manifest.models['ae-robust'].config as unknown as { d: number; ffn: number; latent: number; K: number };
  const base = manifest.models['stories-baseline'];
  const bb = calm.config.backbone;
  const batch = calm.training?.batch ?? 32;
  const ctx = calm.training?.contextTokens ?? 128;
  const args = [
    '--model', 'both', '--d', String(bb.d), '--layers', String(bb.layers), '--heads', String(bb.heads), '--ffn', String(bb.ffn),
    '--vocab', String(base.config.vocabSize), '--ctx', String(ctx), '--batch', String(batch), '--steps', String(steps),
    '--head-width', String(calm.config.head?.width ?? bb.d), '--head-blocks', String(calm.config.head?.blocks ?? 1),
    '--noise', String(calm.config.head?.noiseDim ?? 64), '--samples', String(calm.config.samples ?? 8), '--targets', String(calm.config.targets ?? 100),
    '--ae-d', String(ae.d), '--ae-ffn', String(ae.ffn), '--latent', String(ae.latent), '--k', String(ae.K),
  ];
  return runTsx(root, 'scripts/bench-lm-step.ts', args, log).map((j) => ({
    model: String(j.model), batch, contextTokens: ctx, stepMs: Number(j.stepMs), tokensPerSecond: Number(j.tokensPerSec), partsMs: j.partsMs as Record<string, number>,
  }));
}

/** Per-stage generation profile of the shipped stories models in Node (WASM). */
export function generationProfile(root: string, reps: number, log: (s: string) => void): Record<string, unknown> {
  const [j] = runTsx(root, 'scripts/bench/profile-generate.ts', ['--set', 'stories', '--tokens', '128', '--reps', String(reps)], log);
  return j;
}
