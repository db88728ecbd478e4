/**
 * Node-only: evaluate both autoencoders on held-out text — in two child processes, one core each
 * (`eval-ae.ts --model robust|plain --json`) — and optionally record the metrics in the manifest.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { updateManifest, fileEntry, WEIGHTS_DIR } from './manifest.ts';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';
import type { AEMetrics } from './ae-eval.ts';

export type AEEvalOutput = { heldoutTokens: number; robust: AEMetrics; plain: AEMetrics };

function evalChild(model: 'robust' | 'plain'): Promise<{ heldoutTokens: number; metrics: AEMetrics }> {
  return new Promise((resolve, reject) => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [path.join(REPO_ROOT, 'scripts', 'eval-ae.ts'), '--model', model, '--json'], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`evaluating ae-${model} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim()));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** Both models evaluated side by side. */
export async function evaluateBoth(): Promise<AEEvalOutput> {
  const [robust, plain] = await Promise.all([evalChild('robust'), evalChild('plain')]);
  return { heldoutTokens: robust.heldoutTokens, robust: robust.metrics, plain: plain.metrics };
}

export function recordInManifest(res: AEEvalOutput): void {
  for (const name of ['robust', 'plain'] as const) {
    const json = JSON.parse(readFileSync(path.join(WEIGHTS_DIR, `ae-${name}`, 'model.json'), 'utf8'));
    updateManifest((m) => {
      m.models[`ae-${name}`] = {
        kind: 'autoencoder',
        description: name === 'robust'
          ? 'Robust chunk autoencoder (VAE with DropToken, DropLatent and KL clipping), CALM.md §1'
          : 'Plain reconstruction-only chunk autoencoder (no KL, no dropouts, z = μ): the ablation',
        config: json.config,
        files: [fileEntry(`ae-${name}/model.json`), fileEntry(`ae-${name}/weights.bin`)],
        training: json.meta?.training,
        metrics: { heldoutTokens: res.heldoutTokens, ...res[name] },
      };
    });
  }
}

export async function finishAutoencoders(): Promise<void> {
  recordInManifest(await evaluateBoth());
}
