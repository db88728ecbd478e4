/**
 * Named parameters of a model: a flat map name → tf.Variable, with deterministic
 * initialisers driven by the project's seeded RNG (so a seed reproduces a model in
 * Node and in the browser).
 */
import * as tf from '@tensorflow/tfjs-core';
import { randNormal, type Rng } from './random.ts';

export type Params = Map<string, tf.Variable>;

export function normalInit(rng: Rng, shape: number[], std: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = randNormal(rng) * std;
  return tf.tensor(data, shape, 'float32');
}

let variableCounter = 0;

export class ParamBuilder {
  readonly params: Params = new Map();
  constructor(private readonly rng: Rng, private readonly trainable = true) {}

  private add(name: string, t: tf.Tensor): tf.Variable {
    if (this.params.has(name)) throw new Error(`duplicate parameter ${name}`);
    // TF.js variable names must be unique per engine: a process-wide counter keeps them so.
    const v = tf.variable(t, this.trainable, `${name}#${++variableCounter}`);
    t.dispose();
    this.params.set(name, v);
    return v;
  }
  /** Weight matrix [fanIn, fanOut] with std 1/√fanIn (or a given std). */
  matrix(name: string, fanIn: number, fanOut: number, std = 1 / Math.sqrt(fanIn)): tf.Variable {
    return this.add(name, normalInit(this.rng, [fanIn, fanOut], std));
  }
  normal(name: string, shape: number[], std: number): tf.Variable {
    return this.add(name, normalInit(this.rng, shape, std));
  }
  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.zeros(shape));
  }
  ones(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.ones(shape));
  }
}

export function countParams(params: Params, filter: (name: string) => boolean = () => true): number {
  let n = 0;
  for (const [name, v] of params) if (filter(name)) n += v.size;
  return n;
}

export function disposeParams(params: Params): void {
  for (const v of params.values()) v.dispose();
  params.clear();
}
