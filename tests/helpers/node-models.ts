/**
 * Node-side access to the committed weights for engine tests: a ByteSource over public/weights/
 * and the same loaders the browser engine uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';
import type { ByteSource } from '../../src/model/load.ts';
import type { WeightsManifest } from '../../src/engine/manifest.ts';
import { loadCoreModels, loadLMSet, type EngineModels } from '../../src/engine/models.ts';
import type { ModelSetName } from '../../src/engine/protocol.ts';

export const WEIGHTS = path.join(REPO_ROOT, 'public', 'weights');

export const fileSource: ByteSource = async (p) => {
  const f = path.join(WEIGHTS, p);
  return existsSync(f) ? new Uint8Array(readFileSync(f)) : null;
};

export function readManifestFile(): WeightsManifest {
  return JSON.parse(readFileSync(path.join(WEIGHTS, 'manifest.json'), 'utf8')) as WeightsManifest;
}

/** Tokenizer, both autoencoders and the given LM sets, loaded as the browser engine loads them. */
export async function loadNodeModels(sets: ModelSetName[] = []): Promise<EngineModels> {
  const models = await loadCoreModels(fileSource, readManifestFile());
  for (const s of sets) await loadLMSet(models, fileSource, s);
  return models;
}
