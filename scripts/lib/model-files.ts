/** Node-only: write/read a model (model.json + weights.bin) or a checkpoint on disk. */
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { encodeWeights, decodeWeights, parseModelJson, type ModelJson } from '../../src/model/weights-io.ts';
import type { Params } from '../../src/model/params.ts';
import { MissingFileError } from '../../src/model/errors.ts';

export function paramsToNamed(params: Params): { name: string; shape: number[]; values: Float32Array }[] {
  return [...params].map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array }));
}

/** Write model.json + weights.bin into `dir` atomically (temp files then rename). */
export function writeModelDir(
  dir: string,
  kind: string,
  config: Record<string, unknown>,
  named: { name: string; shape: number[]; values: Float32Array }[],
  opts: { float16: boolean; meta?: Record<string, unknown> },
): void {
  mkdirSync(dir, { recursive: true });
  const enc = encodeWeights(kind, config, named, { float16: opts.float16, meta: opts.meta, shardName: 'weights.bin' });
  writeFileSync(path.join(dir, 'weights.bin.tmp'), enc.shards[0]);
  writeFileSync(path.join(dir, 'model.json.tmp'), JSON.stringify(enc.json, null, 1) + '\n');
  renameSync(path.join(dir, 'weights.bin.tmp'), path.join(dir, 'weights.bin'));
  renameSync(path.join(dir, 'model.json.tmp'), path.join(dir, 'model.json'));
}

export function readModelDir(
  dir: string,
  expected?: Map<string, number[]> | ((config: Record<string, unknown>) => Map<string, number[]>),
  label = dir,
): { json: ModelJson; named: Map<string, { shape: number[]; values: Float32Array }> } {
  const jf = path.join(dir, 'model.json');
  if (!existsSync(jf)) throw new MissingFileError(`${label}/model.json`);
  const json = parseModelJson(readFileSync(jf, 'utf8'), `${label}/model.json`);
  const shards = json.weightsManifest[0].paths.map((p) => {
    const f = path.join(dir, p);
    if (!existsSync(f)) throw new MissingFileError(`${label}/${p}`);
    return new Uint8Array(readFileSync(f));
  });
  const shapes = typeof expected === 'function' ? expected(json.config) : expected;
  const named = decodeWeights(json, shards, json.weightsManifest[0].paths.map((p) => `${label}/${p}`), shapes);
  return { json, named };
}

export function assignParams(params: Params, named: Map<string, { shape: number[]; values: Float32Array }>): void {
  for (const [name, v] of params) {
    const w = named.get(name);
    if (!w) throw new Error(`missing tensor ${name}`);
    tf.tidy(() => v.assign(tf.tensor(w.values, w.shape)));
  }
}
