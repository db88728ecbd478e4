/**
 * Model weights in the TensorFlow.js weights format: a `model.json` whose `weightsManifest`
 * lists named tensors stored in binary shards, optionally as float16 (`quantization:
 * {dtype: 'float16'}`), dequantised on load, so Node and the browser compute from the same
 * stored numbers. Pure: works on bytes; reading files or URLs is the caller's job.
 */
import * as tf from '@tensorflow/tfjs-core';
import { toFloat16Array } from './float16.ts';
import { BadFormatError, WrongShapeError } from './errors.ts';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'float16' };
}

export interface ModelJson {
  format: 'calm-playground-weights';
  /** Model kind, e.g. "autoencoder". */
  kind: string;
  /** Model config (shapes follow from it). */
  config: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  /** Anything else worth keeping with the weights (training step, optimizer, …). */
  meta?: Record<string, unknown>;
}

export interface EncodedModel {
  json: ModelJson;
  /** Binary shards, in the order of weightsManifest[0].paths. */
  shards: Uint8Array[];
}

/**
 * Encode named float32 arrays into a model.json + one binary shard.
 * `shardName` is the shard's file name relative to model.json.
 */
export function encodeWeights(
  kind: string,
  config: Record<string, unknown>,
  named: { name: string; shape: number[]; values: Float32Array }[],
  opts: { float16: boolean; shardName?: string; meta?: Record<string, unknown> },
): EncodedModel {
  const specs: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  for (const w of named) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    if (n !== w.values.length) throw new Error(`encodeWeights: ${w.name} has ${w.values.length} values for shape [${w.shape}]`);
    const spec: WeightSpec = { name: w.name, shape: w.shape, dtype: 'float32' };
    if (opts.float16) {
      spec.quantization = { dtype: 'float16' };
      parts.push(new Uint8Array(toFloat16Array(w.values).buffer));
    } else {
      parts.push(new Uint8Array(w.values.buffer.slice(w.values.byteOffset, w.values.byteOffset + w.values.byteLength)));
    }
    specs.push(spec);
  }
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const shard = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    shard.set(p, off);
    off += p.byteLength;
  }
  const shardName = opts.shardName ?? 'weights.bin';
  return {
    json: { format: 'calm-playground-weights', kind, config, weightsManifest: [{ paths: [shardName], weights: specs }], meta: opts.meta },
    shards: [shard],
  };
}

/** Parse and check a model.json (throws BadFormatError naming `file`). */
export function parseModelJson(text: string, file: string): ModelJson {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new BadFormatError(file, `not valid JSON (${(e as Error).message})`);
  }
  const m = j as Partial<ModelJson>;
  if (!m || m.format !== 'calm-playground-weights' || !Array.isArray(m.weightsManifest) || typeof m.config !== 'object') {
    throw new BadFormatError(file, 'missing format, config or weightsManifest');
  }
  return m as ModelJson;
}

function byteSize(spec: WeightSpec): number {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  return n * (spec.quantization?.dtype === 'float16' ? 2 : 4);
}

/**
 * Decode shards into float32 arrays by name, checking sizes and (optionally) the expected
 * shapes. `shardFiles` name the shards for error messages.
 */
export function decodeWeights(
  json: ModelJson,
  shards: Uint8Array[],
  shardFiles: string[],
  expected?: Map<string, number[]>,
): Map<string, { shape: number[]; values: Float32Array }> {
  const group = json.weightsManifest[0];
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const needed = specs.reduce((a, s) => a + byteSize(s), 0);
  const total = shards.reduce((a, s) => a + s.byteLength, 0);
  if (total !== needed) {
    const file = shardFiles[0] ?? group?.paths[0] ?? 'weights shard';
    throw new WrongShapeError(file, `the shard holds ${total} bytes, the model needs ${needed} (truncated or from another model)`);
  }
  const buf = new Uint8Array(total);
  let off = 0;
  for (const s of shards) {
    buf.set(s, off);
    off += s.byteLength;
  }
  const decoded = tf.io.decodeWeights(buf.buffer, specs as tf.io.WeightsManifestEntry[]);
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const s of specs) {
    const t = decoded[s.name];
    out.set(s.name, { shape: s.shape, values: new Float32Array(t.dataSync() as Float32Array) });
    t.dispose();
  }
  if (expected) {
    const file = shardFiles[0] ?? 'weights';
    for (const [name, shape] of expected) {
      const got = out.get(name);
      if (!got) throw new WrongShapeError(file, `tensor "${name}" is missing`);
      if (got.shape.length !== shape.length || got.shape.some((v, i) => v !== shape[i])) {
        throw new WrongShapeError(file, `tensor "${name}" has shape [${got.shape}], expected [${shape}]`);
      }
    }
    for (const name of out.keys()) {
      if (!expected.has(name)) throw new WrongShapeError(file, `unexpected tensor "${name}"`);
    }
  }
  return out;
}
