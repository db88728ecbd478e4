/**
 * An autoencoder trained in the page, as files: the project's weights format (`model.json` + a
 * `weights.bin` shard, as in public/weights/) plus a small manifest of its own (config, SHA-256 and size
 * of both files, training settings and metrics), so that loading it back runs the same checks as the
 * shipped weights: every file's hash against the manifest, then the tensors' shapes against the config.
 *
 * Download names are `<stem>.manifest.json`, `<stem>.model.json` and `<stem>.weights.bin`. On loading,
 * files are matched by the names the manifest lists and, where a browser renamed a download
 * ("x.model (1).json"), by what each name ends in.
 */
import { autoencoderShapes, type AEConfig } from './autoencoder.ts';
import { BadFormatError, CalmError, MissingFileError } from './errors.ts';
import { sha256Hex } from './load.ts';
import { decodeWeights, encodeWeights, parseModelJson } from './weights-io.ts';

export const BUNDLE_FORMAT = 'calm-playground-autoencoder-bundle';
/** Larger files are refused before they are read (a K = 4 autoencoder at l = 128 is ≈ 2.5 MB). */
export const BUNDLE_MAX_BYTES = 64 * 1024 * 1024;

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: 1;
  name: string;
  kind: 'autoencoder';
  config: AEConfig;
  files: { path: string; sha256: string; bytes: number }[];
  /** What the run was: its settings, steps, seed, backend, held-out metrics at export. */
  training: Record<string, unknown>;
}

export interface LoadedBundle {
  manifest: BundleManifest;
  config: AEConfig;
  tensors: Map<string, { shape: number[]; values: Float32Array }>;
}

export interface BundleFile {
  name: string;
  bytes: Uint8Array;
}

/** Build the three files of a bundle from named float32 arrays (stored as float32: no rounding). */
export async function makeBundle(
  stem: string,
  config: AEConfig,
  named: { name: string; shape: number[]; values: Float32Array }[],
  training: Record<string, unknown>,
): Promise<BundleFile[]> {
  const weightsName = `${stem}.weights.bin`;
  const modelName = `${stem}.model.json`;
  const enc = encodeWeights('autoencoder', { ...config }, named, { float16: false, shardName: weightsName, meta: { training } });
  const modelBytes = new TextEncoder().encode(JSON.stringify(enc.json));
  const shard = enc.shards[0];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT, version: 1, name: stem, kind: 'autoencoder', config,
    files: [
      { path: modelName, sha256: await sha256Hex(modelBytes), bytes: modelBytes.length },
      { path: weightsName, sha256: await sha256Hex(shard), bytes: shard.length },
    ],
    training,
  };
  return [
    { name: `${stem}.manifest.json`, bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 1)) },
    { name: modelName, bytes: modelBytes },
    { name: weightsName, bytes: shard },
  ];
}

function fail(message: string, file?: string): CalmError {
  return new CalmError('bad-format', message, 'Pick the three files the Train panel downloaded: the .manifest.json, the .model.json and the .weights.bin.', file);
}

/** Strip a browser's " (1)" before the extension. */
function baseName(name: string): string {
  return name.replace(/ \(\d+\)(?=\.[^.]+$)/, '');
}

function checkConfig(c: unknown, file: string): AEConfig {
  const x = c as Partial<AEConfig> | null;
  const int = (v: unknown, max: number) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= max;
  if (!x || !int(x.K, 16) || !int(x.vocabSize, 1 << 16) || !int(x.d, 4096) || !int(x.ffn, 16384) || !int(x.latent, 4096) || typeof x.variational !== 'boolean') {
    throw fail(`${file} does not describe an autoencoder (K, vocabSize, d, ffn, latent, variational).`, file);
  }
  return x as AEConfig;
}

/**
 * Read a bundle back from picked files: find the manifest, check both files' SHA-256 and sizes, then the
 * tensors' shapes against the config, and that it fits this app (`expect`: K and vocabulary size).
 * Every failure is a CalmError naming the file.
 */
export async function readBundle(files: BundleFile[], expect: { K: number; vocabSize: number }): Promise<LoadedBundle> {
  if (files.length === 0) throw fail('No files were picked.');
  for (const f of files) if (f.bytes.length > BUNDLE_MAX_BYTES) throw fail(`${f.name} is ${(f.bytes.length / 1e6).toFixed(0)} MB, larger than any autoencoder this panel makes.`, f.name);
  const manifestFile = files.find((f) => baseName(f.name).endsWith('.manifest.json')) ?? files.find((f) => baseName(f.name) === 'manifest.json');
  if (!manifestFile) throw new MissingFileError('*.manifest.json', 'pick the manifest file with the other two');
  let m: Partial<BundleManifest>;
  try {
    m = JSON.parse(new TextDecoder().decode(manifestFile.bytes)) as Partial<BundleManifest>;
  } catch (e) {
    throw new BadFormatError(manifestFile.name, `not valid JSON (${(e as Error).message})`);
  }
  if (m.format !== BUNDLE_FORMAT || m.kind !== 'autoencoder' || !Array.isArray(m.files) || m.files.length !== 2) {
    throw fail(`${manifestFile.name} is not a Train panel autoencoder manifest.`, manifestFile.name);
  }
  const config = checkConfig(m.config, manifestFile.name);
  if (config.K !== expect.K || config.vocabSize !== expect.vocabSize) {
    throw fail(`${manifestFile.name} is for K = ${config.K} and a ${config.vocabSize}-token vocabulary; this app uses K = ${expect.K} and ${expect.vocabSize}.`, manifestFile.name);
  }
  const byPath = new Map<string, BundleFile>();
  for (const entry of m.files) {
    const exact = files.find((f) => f.name === entry.path) ?? files.find((f) => baseName(f.name) === entry.path);
    const suffix = entry.path.endsWith('.model.json') ? '.model.json' : '.weights.bin';
    const bySuffix = files.filter((f) => baseName(f.name).endsWith(suffix));
    const f = exact ?? (bySuffix.length === 1 ? bySuffix[0] : undefined);
    if (!f) throw new MissingFileError(entry.path, bySuffix.length > 1 ? `several picked files end in ${suffix}` : 'pick it with the manifest');
    byPath.set(entry.path, f);
  }
  const FIX = 'Download the three files again from the Train panel (a partial, altered or mixed-up download fails these checks).';
  try {
    for (const entry of m.files) {
      const f = byPath.get(entry.path) as BundleFile;
      if (entry.bytes !== f.bytes.length) {
        throw new CalmError('bad-hash', `${f.name} has ${f.bytes.length} bytes; its manifest says ${entry.bytes} (a partial or altered file).`, FIX, f.name);
      }
      const actual = await sha256Hex(f.bytes);
      if (actual !== entry.sha256) {
        throw new CalmError('bad-hash', `${f.name} is corrupted: its SHA-256 is ${actual.slice(0, 12)}…, its manifest says ${entry.sha256.slice(0, 12)}….`, FIX, f.name);
      }
    }
    const modelEntry = m.files.find((x) => x.path.endsWith('.model.json'));
    const shardEntry = m.files.find((x) => x.path.endsWith('.weights.bin'));
    if (!modelEntry || !shardEntry) throw fail(`${manifestFile.name} must list one .model.json and one .weights.bin.`, manifestFile.name);
    const modelFile = byPath.get(modelEntry.path) as BundleFile;
    const shardFile = byPath.get(shardEntry.path) as BundleFile;
    const json = parseModelJson(new TextDecoder().decode(modelFile.bytes), modelFile.name);
    const cfg = checkConfig(json.config, modelFile.name);
    if ((['K', 'vocabSize', 'd', 'ffn', 'latent', 'variational'] as const).some((k) => cfg[k] !== config[k])) {
      throw fail(`${modelFile.name} and ${manifestFile.name} describe different models.`, modelFile.name);
    }
    const tensors = decodeWeights(json, [shardFile.bytes], [shardFile.name], autoencoderShapes(cfg));
    return { manifest: m as BundleManifest, config: cfg, tensors };
  } catch (e) {
    if (e instanceof CalmError) throw new CalmError(e.code, e.message, FIX, e.file);
    throw e;
  }
}
