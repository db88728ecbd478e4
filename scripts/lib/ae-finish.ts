/**
 * Node-only: evaluate the autoencoders on held-out text — each in a child process
 * (`eval-ae.ts --model NAME --json`), two at a time (one core each) — and optionally record the
 * metrics in the manifest:
 *  - the Compress / Noise pair, ae-robust and ae-plain, on the held-out text of both corpora;
 *  - `lmAutoencoder`: for each language-model set, the autoencoder its CALM was trained with (its
 *    model.json records it; ae-robust for weights trained before), on that set's held-out text only.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { updateManifest, fileEntry, WEIGHTS_DIR } from './manifest.ts';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';
import { CORPORA, type CorpusName } from '../../src/corpus/corpus.ts';
import type { AEMetrics } from './ae-eval.ts';

export type LMAutoencoderMetrics = AEMetrics & { name: string; heldoutTokens: number };
export type AEEvalOutput = {
  heldoutTokens: number; robust: AEMetrics; plain: AEMetrics;
  lmAutoencoder: Partial<Record<CorpusName, LMAutoencoderMetrics>>;
};

function evalChild(
  model: string, corpora?: readonly CorpusName[], short = false,
): Promise<{ heldoutTokens: number; parameters: number; metrics: AEMetrics }> {
  return new Promise((resolve, reject) => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const extra = [...(corpora ? ['--corpora', corpora.join(',')] : []), ...(short ? ['--short-noise'] : [])];
    const child = spawn(tsx, [path.join(REPO_ROOT, 'scripts', 'eval-ae.ts'), '--model', model, '--json', ...extra], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`evaluating ${model} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim()));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** The autoencoder folder a set's shipped CALM was trained with (null when the set has no CALM). */
export function lmAutoencoderOf(set: CorpusName): string | null {
  const file = path.join(WEIGHTS_DIR, `${set}-calm`, 'model.json');
  if (!existsSync(file)) return null;
  const name = JSON.parse(readFileSync(file, 'utf8')).meta?.training?.autoencoder;
  return typeof name === 'string' ? name : 'ae-robust';
}

/** The K dial's autoencoder for K (K = 4 is the shipped robust one). */
export function bandwidthAutoencoder(K: number): string {
  return K === 4 ? 'ae-robust' : `ae-k${K}`;
}

export type BandwidthEntry = Pick<AEMetrics, 'tokenAccuracy' | 'chunkAccuracy' | 'meanSigma' | 'latentRms' | 'noise' | 'noiseRelative'> & {
  params: number; heldoutTokens: number;
};

/** The K dial's autoencoders on the held-out text of both corpora (σ 0.3, 1.0; 1 × RMS), two at a time. */
export async function evaluateBandwidth(Ks: number[]): Promise<Record<string, BandwidthEntry>> {
  const out: Record<string, BandwidthEntry> = {};
  for (let i = 0; i < Ks.length; i += 2) {
    const pair = Ks.slice(i, i + 2);
    const res = await Promise.all(pair.map((K) => evalChild(bandwidthAutoencoder(K), undefined, true)));
    pair.forEach((K, j) => {
      const { tokenAccuracy, chunkAccuracy, meanSigma, latentRms, noise, noiseRelative } = res[j].metrics;
      out[String(K)] = { params: res[j].parameters, tokenAccuracy, chunkAccuracy, meanSigma, latentRms, noise, noiseRelative, heldoutTokens: res[j].heldoutTokens };
    });
  }
  return out;
}

/** Every autoencoder evaluated, two at a time. */
export async function evaluateBoth(): Promise<AEEvalOutput> {
  const [robust, plain] = await Promise.all([evalChild('robust'), evalChild('plain')]);
  const sets = CORPORA.filter((s) => lmAutoencoderOf(s) !== null);
  const lm = await Promise.all(sets.map((s) => evalChild(lmAutoencoderOf(s) as string, [s])));
  const lmAutoencoder: AEEvalOutput['lmAutoencoder'] = {};
  sets.forEach((s, i) => (lmAutoencoder[s] = { name: lmAutoencoderOf(s) as string, heldoutTokens: lm[i].heldoutTokens, ...lm[i].metrics }));
  return { heldoutTokens: robust.heldoutTokens, robust: robust.metrics, plain: plain.metrics, lmAutoencoder };
}

function aeEntry(name: string, description: string, metrics: Record<string, unknown>): void {
  const json = JSON.parse(readFileSync(path.join(WEIGHTS_DIR, name, 'model.json'), 'utf8'));
  updateManifest((m) => {
    m.models[name] = {
      kind: 'autoencoder',
      description,
      config: json.config,
      files: [fileEntry(`${name}/model.json`), fileEntry(`${name}/weights.bin`)],
      training: json.meta?.training,
      metrics,
    };
  });
}

export function recordInManifest(res: AEEvalOutput): void {
  for (const name of ['robust', 'plain'] as const) {
    aeEntry(`ae-${name}`, name === 'robust'
      ? 'Robust chunk autoencoder (VAE with DropToken, DropLatent and KL clipping), CALM.md §1'
      : 'Plain reconstruction-only chunk autoencoder (no KL, no dropouts, z = μ): the ablation', { heldoutTokens: res.heldoutTokens, ...res[name] });
  }
  // A set's own autoencoder (not the shared pair) gets its entry, measured on that set's held-out text.
  for (const [set, m] of Object.entries(res.lmAutoencoder)) {
    if (!m || m.name === 'ae-robust' || m.name === 'ae-plain') continue;
    const { name, ...metrics } = m;
    aeEntry(name, `The ${set} CALM's chunk autoencoder: trained on ${set} text only, robust recipe (see its training objective)`, metrics);
  }
}

export async function finishAutoencoders(): Promise<void> {
  recordInManifest(await evaluateBoth());
}

/** The K dial's autoencoders (K ≠ 4; K = 4 is ae-robust, recorded by recordInManifest) get their entries. */
export function recordBandwidth(byK: Record<string, BandwidthEntry>): void {
  for (const [K, a] of Object.entries(byK)) {
    if (K === '4') continue;
    const { params: _params, ...metrics } = a;
    aeEntry(bandwidthAutoencoder(Number(K)), `The K dial's chunk autoencoder for K = ${K} (latent ${32 * Number(K)}): the robust recipe on both corpora, the same training tokens as ae-robust; loaded only by the Bandwidth panel`, metrics);
  }
}
