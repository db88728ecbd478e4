/**
 * The engine's models: tokenizer, both autoencoders and the language-model sets, built from the
 * committed weights through any byte source (fetch in the browser, the file system in Node tests).
 * Every file is SHA-256-checked against the manifest and shape-checked against its config
 * (src/model/load.ts). The EngineModels object owns these tensors; `disposeModels` frees them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BpeTokenizer } from '../model/tokenizer.ts';
import { autoencoderShapes, type AEConfig } from '../model/autoencoder.ts';
import { calmShapes, type CalmConfig } from '../model/calm.ts';
import { baselineShapes, type BaselineConfig } from '../model/baseline.ts';
import { fetchVerified, loadVerifiedModel, type ByteSource, type LoadedWeights } from '../model/load.ts';
import { MissingFileError, BadFormatError } from '../model/errors.ts';
import type { Params } from '../model/params.ts';
import { FastDecoder } from '../model/fast/decoder.ts';
import { FastBaseline, FastCalm } from '../model/fast/lm.ts';
import type { ManifestModel, WeightsManifest } from './manifest.ts';
import type { AEName, ModelSetName } from './protocol.ts';
import type { CustomAEInfo } from './ops/train.types.ts';

export interface LoadedAE {
  /** 'robust' / 'plain' (the Compress and Noise pair), or a language model's own autoencoder folder name. */
  name: AEName | string;
  cfg: AEConfig;
  params: Params;
  manifest: ManifestModel;
  /** Its decoder prepared for generation (src/model/fast/), made when a language model that uses it loads. */
  fast?: FastDecoder;
}

export interface LoadedLMSet {
  set: ModelSetName;
  /** `fast`: the model prepared for generation (src/model/fast/: the same values in fewer kernels). */
  calm: { cfg: CalmConfig; params: Params; manifest: ManifestModel; fast?: FastCalm };
  baseline: { cfg: BaselineConfig; params: Params; manifest: ManifestModel; fast?: FastBaseline };
  /** The frozen autoencoder CALM was trained with (decodes its vectors). */
  ae: LoadedAE;
  /** true when `ae` is the set's own (loaded with the set, freed with it), not the shared robust one. */
  ownAE: boolean;
}

export interface EngineModels {
  manifest: WeightsManifest;
  tokenizer: BpeTokenizer;
  ae: Record<AEName, LoadedAE>;
  sets: Partial<Record<ModelSetName, LoadedLMSet>>;
  /** The K dial's models (Bandwidth panel), loaded only when that panel asks: see loadBandwidthAE. */
  bandwidth?: BandwidthModels;
  /** An autoencoder trained in the Train panel (or loaded from its download), used by Compress and Noise on request. */
  custom?: CustomAE;
}

/** A custom autoencoder: its own tensors (a copy), a label the panels show, and a synthetic manifest entry. */
export interface CustomAE extends LoadedAE {
  info: CustomAEInfo;
}

/**
 * Replace the custom autoencoder (null: none), freeing the old one's tensors. Compress and Noise notice the
 * change by identity (their cached entry names the autoencoder it was built with).
 */
export function setCustomAE(
  models: EngineModels,
  next: { cfg: AEConfig; params: Params; info: CustomAEInfo; tokenAccuracy: number | null } | null,
): void {
  if (models.custom) disposeParams(models.custom.params);
  models.custom = undefined;
  if (!next) return;
  models.custom = {
    name: 'custom', cfg: next.cfg, params: next.params, info: next.info,
    manifest: {
      kind: 'autoencoder', description: next.info.label, config: { ...next.cfg }, files: [],
      metrics: {
        ...(next.info.latentRms !== null ? { latentRms: next.info.latentRms } : {}),
        ...(next.tokenAccuracy !== null ? { tokenAccuracy: next.tokenAccuracy } : {}),
      },
    },
  };
}

/** A `stories` CALM of another K (the K dial), over the autoencoder of its K. */
export interface LoadedKLM {
  K: number;
  name: string;
  calm: { cfg: CalmConfig; params: Params; manifest: ManifestModel; fast?: FastCalm };
  ae: LoadedAE;
}

/**
 * The K dial's own models by K: autoencoders for K ≠ 4 (K = 4 is the shared robust one, not held here)
 * and CALMs for K ≠ 4 (K = 4 is the stories set's). Freed by disposeModels.
 */
export interface BandwidthModels {
  aes: Map<number, LoadedAE>;
  lms: Map<number, LoadedKLM>;
}

function bandwidthOf(models: EngineModels): BandwidthModels {
  models.bandwidth ??= { aes: new Map(), lms: new Map() };
  return models.bandwidth;
}

/** The K dial's autoencoder for K (K = 4: the shared robust one), loading it unless it is there. */
export async function loadBandwidthAE(models: EngineModels, source: ByteSource, K: number): Promise<LoadedAE> {
  if (K === 4) return models.ae.robust;
  const bw = bandwidthOf(models);
  const have = bw.aes.get(K);
  if (have) return have;
  const ae = await loadAE(source, models.manifest, `ae-k${K}`);
  if (ae.cfg.K !== K) {
    disposeParams(ae.params);
    throw new BadFormatError(`ae-k${K}/model.json`, `its config says K = ${ae.cfg.K}, expected ${K}`);
  }
  bw.aes.set(K, ae);
  return ae;
}

/** The K dial's `stories` CALM for K ≠ 4 (with its autoencoder), loading it unless it is there. */
export async function loadBandwidthLM(models: EngineModels, source: ByteSource, K: number): Promise<LoadedKLM> {
  const bw = bandwidthOf(models);
  const have = bw.lms.get(K);
  if (have) return have;
  const name = `stories-calm-k${K}`;
  const m = modelFiles(models.manifest, name);
  const ae = await loadBandwidthAE(models, source, K);
  const w = await loadVerifiedModel(source, m.files, (c) => calmShapes(c as unknown as CalmConfig));
  const cfg = w.json.config as unknown as CalmConfig;
  const params = toParams(w);
  if (cfg.K !== K || cfg.latent !== ae.cfg.latent) {
    disposeParams(params);
    throw new BadFormatError(`${name}/model.json`, `its config (K = ${cfg.K}, latent ${cfg.latent}) does not fit ae-k${K}`);
  }
  const lm: LoadedKLM = { K, name, calm: { cfg, params, manifest: m }, ae };
  try {
    lm.calm.fast = await FastCalm.prepare(params, cfg);
    ae.fast ??= await FastDecoder.prepare(ae.params, ae.cfg);
  } catch (e) {
    lm.calm.fast?.dispose();
    disposeParams(params);
    throw e;
  }
  bw.lms.set(K, lm);
  return lm;
}

/**
 * The folder of the autoencoder a set's CALM was trained with, as its manifest entry records it
 * (training.autoencoder); weights trained before that was recorded used the shared robust one.
 */
export function lmAutoencoderName(manifest: WeightsManifest, set: ModelSetName): string {
  const t = manifest.models[`${set}-calm`]?.training as { autoencoder?: unknown } | undefined;
  return typeof t?.autoencoder === 'string' ? t.autoencoder : 'ae-robust';
}

/** The shared autoencoder a set's CALM decodes with, or null when it has its own (loaded with the set). */
export function aeOfSet(models: Pick<EngineModels, 'ae' | 'manifest'>, set: ModelSetName): LoadedAE | null {
  const name = lmAutoencoderName(models.manifest, set);
  if (name === 'ae-robust') return models.ae.robust;
  if (name === 'ae-plain') return models.ae.plain;
  return null;
}

/** Files of a model as listed in the manifest (paths relative to the weights folder). */
export function modelFiles(manifest: WeightsManifest, name: string): ManifestModel {
  const m = manifest.models[name];
  if (!m) throw new MissingFileError(`${name}/model.json`, 'the manifest lists no such model');
  return m;
}

/** Bytes of the files `loadCoreModels` fetches (tokenizer + both autoencoders). */
export function coreBytes(manifest: WeightsManifest): number {
  let n = manifest.tokenizer?.bytes ?? 0;
  for (const name of ['ae-robust', 'ae-plain']) for (const f of modelFiles(manifest, name).files) n += f.bytes;
  return n;
}

/** Bytes of one language-model set (CALM + baseline, and CALM's own autoencoder where it has one). */
export function setBytes(manifest: WeightsManifest, set: ModelSetName): number {
  let n = 0;
  const names = [`${set}-calm`, `${set}-baseline`];
  const ae = lmAutoencoderName(manifest, set);
  if (ae !== 'ae-robust' && ae !== 'ae-plain') names.push(ae);
  for (const name of names) for (const f of modelFiles(manifest, name).files) n += f.bytes;
  return n;
}

/** Turn decoded weights into inference parameters (non-trainable variables). */
export function toParams(w: LoadedWeights): Params {
  const params: Params = new Map();
  for (const [name, t] of w.tensors) {
    const init = tf.tensor(t.values, t.shape);
    params.set(name, tf.variable(init, false));
    init.dispose(); // the variable keeps its own reference to the data
  }
  return params;
}

export async function loadTokenizer(source: ByteSource, manifest: WeightsManifest): Promise<BpeTokenizer> {
  const entry = manifest.tokenizer;
  if (!entry) throw new MissingFileError('tokenizer.json', 'the manifest lists no tokenizer');
  const bytes = await fetchVerified(source, entry);
  try {
    return BpeTokenizer.fromHuggingFaceJSON(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (e) {
    throw new BadFormatError(entry.path, (e as Error).message);
  }
}

export async function loadAE(source: ByteSource, manifest: WeightsManifest, name: AEName | string): Promise<LoadedAE> {
  const m = modelFiles(manifest, name.startsWith('ae-') ? name : `ae-${name}`);
  const w = await loadVerifiedModel(source, m.files, (c) => autoencoderShapes(c as unknown as AEConfig));
  return { name, cfg: w.json.config as unknown as AEConfig, params: toParams(w), manifest: m };
}

/** Tokenizer and both autoencoders: what the Compress and Noise panels need. */
export async function loadCoreModels(source: ByteSource, manifest: WeightsManifest): Promise<EngineModels> {
  const tokenizer = await loadTokenizer(source, manifest);
  const robust = await loadAE(source, manifest, 'robust');
  let plain: LoadedAE;
  try {
    plain = await loadAE(source, manifest, 'plain');
  } catch (e) {
    disposeParams(robust.params);
    throw e;
  }
  return { manifest, tokenizer, ae: { robust, plain }, sets: {} };
}

/** Load a language-model set (CALM + baseline) into `models.sets[set]` unless already there. */
export async function loadLMSet(models: EngineModels, source: ByteSource, set: ModelSetName): Promise<LoadedLMSet> {
  const have = models.sets[set];
  if (have) return have;
  const cm = modelFiles(models.manifest, `${set}-calm`);
  const bm = modelFiles(models.manifest, `${set}-baseline`);
  const cw = await loadVerifiedModel(source, cm.files, (c) => calmShapes(c as unknown as CalmConfig));
  const bw = await loadVerifiedModel(source, bm.files, (c) => baselineShapes(c as unknown as BaselineConfig));
  const shared = aeOfSet(models, set);
  const ae = shared ?? (await loadAE(source, models.manifest, lmAutoencoderName(models.manifest, set)));
  const loaded: LoadedLMSet = {
    set,
    calm: { cfg: cw.json.config as unknown as CalmConfig, params: toParams(cw), manifest: cm },
    baseline: { cfg: bw.json.config as unknown as BaselineConfig, params: toParams(bw), manifest: bm },
    ae,
    ownAE: shared === null,
  };
  try {
    loaded.calm.fast = await FastCalm.prepare(loaded.calm.params, loaded.calm.cfg);
    loaded.baseline.fast = await FastBaseline.prepare(loaded.baseline.params, loaded.baseline.cfg);
    ae.fast ??= await FastDecoder.prepare(ae.params, ae.cfg);
  } catch (e) {
    loaded.calm.fast?.dispose();
    loaded.baseline.fast?.dispose();
    disposeParams(loaded.calm.params);
    disposeParams(loaded.baseline.params);
    if (loaded.ownAE) disposeAE(ae);
    throw e;
  }
  models.sets[set] = loaded;
  return loaded;
}

function disposeParams(p: Params): void {
  for (const v of p.values()) v.dispose();
}

/** An autoencoder's parameters and its prepared decoder. */
function disposeAE(ae: LoadedAE): void {
  disposeParams(ae.params);
  ae.fast?.dispose();
  ae.fast = undefined;
}

export function disposeModels(models: EngineModels): void {
  disposeAE(models.ae.robust);
  disposeAE(models.ae.plain);
  for (const s of Object.values(models.sets)) {
    if (!s) continue;
    disposeParams(s.calm.params);
    disposeParams(s.baseline.params);
    s.calm.fast?.dispose();
    s.baseline.fast?.dispose();
    if (s.ownAE) disposeAE(s.ae);
  }
  models.sets = {};
  if (models.bandwidth) {
    for (const lm of models.bandwidth.lms.values()) {
      disposeParams(lm.calm.params);
      lm.calm.fast?.dispose();
    }
    for (const ae of models.bandwidth.aes.values()) disposeAE(ae);
    models.bandwidth = undefined;
  }
  setCustomAE(models, null);
}
