/** Node-only: evaluate both trained autoencoders and record them in the manifest. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initTf } from './tf-node.ts';
import { evaluateAutoencoder } from './ae-eval.ts';
import { loadTokenizer } from './token-data.ts';
import { updateManifest, fileEntry, WEIGHTS_DIR } from './manifest.ts';
import { log } from './args.ts';

export async function finishAutoencoders(): Promise<void> {
  await initTf('wasm');
  const { tok } = loadTokenizer();
  for (const name of ['robust', 'plain'] as const) {
    const t = performance.now();
    const { metrics, heldoutTokens } = evaluateAutoencoder(name, tok.eosId);
    log(`[ae-${name}] evaluated ${heldoutTokens} held-out tokens in ${((performance.now() - t) / 1000).toFixed(0)}s`);
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
        metrics: { heldoutTokens, ...metrics },
      };
    });
  }
}
