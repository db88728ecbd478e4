/**
 * How token streams become K-token chunks (CALM.md §3, this project's choice):
 * every document starts with one chunk of K <|endoftext|> tokens so that first chunks are
 * predicted too, ends with one <|endoftext|>, and is padded with <|endoftext|> to a multiple
 * of K. Prompts are left-padded with <|endoftext|> to a multiple of K.
 */

/**
 * Token stream of one training document: [eos×K, eos×leftPad, ...ids, eos, eos-padding].
 * `leftPad` (0 … K−1, default 0) shifts the text against the chunk grid, so that a prompt of any length,
 * left-padded with eos as `leftPadPrompt` does, is a chunk pattern training has shown.
 */
export function documentStream(ids: ArrayLike<number>, K: number, eosId: number, leftPad = 0): Int32Array {
  if (!(leftPad >= 0 && leftPad < K && Number.isInteger(leftPad))) throw new Error(`chunking: leftPad must be 0 … ${K - 1}, got ${leftPad}`);
  const body = leftPad + ids.length + 1;
  const padded = Math.ceil(body / K) * K;
  const out = new Int32Array(K + padded).fill(eosId);
  for (let i = 0; i < ids.length; i++) out[K + leftPad + i] = ids[i];
  return out;
}

/** Prompt ids left-padded with eos to a multiple of K (an empty prompt becomes one eos chunk). */
export function leftPadPrompt(ids: ArrayLike<number>, K: number, eosId: number): Int32Array {
  const n = Math.max(K, Math.ceil(ids.length / K) * K);
  const out = new Int32Array(n).fill(eosId);
  const off = n - ids.length;
  for (let i = 0; i < ids.length; i++) out[off + i] = ids[i];
  return out;
}

/** Right-pad a text's ids with `padWith` to a multiple of K; returns the ids and how many were added. */
export function rightPadToChunks(ids: ArrayLike<number>, K: number, padWith: number): { ids: Int32Array; padded: number } {
  const n = Math.ceil(ids.length / K) * K;
  const out = new Int32Array(n).fill(padWith);
  for (let i = 0; i < ids.length; i++) out[i] = ids[i];
  return { ids: out, padded: n - ids.length };
}
