/**
 * The Train panel's static training text (public/train/, written by `npm run train-sample`): chunks of
 * the `stories` training and held-out splits as uint16 token ids. Parsing and checks only (no fetch).
 */
import { CalmError } from './errors.ts';

export const TRAIN_SAMPLE_K = 4;

export interface TrainSampleMeta {
  format: 'calm-playground-train-sample';
  corpus: 'stories';
  K: number;
  dtype: 'uint16';
  trainChunks: number;
  heldoutChunks: number;
  /** Chunks in the whole splits the sample was cut from. */
  splitChunks: { train: number; heldout: number };
  vocabSize: number;
  tokenizerSha256: string;
  file: string;
  bytes: number;
  sha256: string;
}

export interface TrainSample {
  meta: TrainSampleMeta;
  /** Training chunks [trainChunks · K] and held-out chunks [heldoutChunks · K]. */
  train: Int32Array;
  heldout: Int32Array;
}

/** Check the sample's description (throws a CalmError naming the file). */
export function parseTrainSampleMeta(text: string, file: string): TrainSampleMeta {
  let m: Partial<TrainSampleMeta>;
  try {
    m = JSON.parse(text) as Partial<TrainSampleMeta>;
  } catch {
    throw new CalmError('bad-format', `${file} is not valid JSON.`, 'Restore public/train/ (npm run train-sample) and reload.', file);
  }
  const ok = m.format === 'calm-playground-train-sample' && m.dtype === 'uint16' && m.K === TRAIN_SAMPLE_K &&
    Number.isInteger(m.trainChunks) && Number.isInteger(m.heldoutChunks) && (m.trainChunks ?? 0) > 0 && (m.heldoutChunks ?? 0) > 0 &&
    typeof m.sha256 === 'string' && typeof m.file === 'string' && m.bytes === ((m.trainChunks ?? 0) + (m.heldoutChunks ?? 0)) * TRAIN_SAMPLE_K * 2;
  if (!ok) throw new CalmError('bad-format', `${file} does not describe a training sample this app can read.`, 'Restore public/train/ (npm run train-sample) and reload.', file);
  return m as TrainSampleMeta;
}

/** Split the sample's bytes into training and held-out chunks, checking size and ids (vocabSize). */
export function decodeTrainSample(meta: TrainSampleMeta, bytes: Uint8Array, vocabSize: number): TrainSample {
  if (bytes.length !== meta.bytes) {
    throw new CalmError('bad-format', `${meta.file} has ${bytes.length} bytes, its description says ${meta.bytes}.`, 'Restore public/train/ and reload.', meta.file);
  }
  if (meta.vocabSize !== vocabSize) {
    throw new CalmError('bad-format', `${meta.file} was cut with a ${meta.vocabSize}-token vocabulary, the app's has ${vocabSize}.`, 'Regenerate it with npm run train-sample.', meta.file);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length / 2;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = view.getUint16(2 * i, true);
    if (id >= vocabSize) throw new CalmError('bad-format', `${meta.file} holds token id ${id}, outside the vocabulary.`, 'Regenerate it with npm run train-sample.', meta.file);
    ids[i] = id;
  }
  const cut = meta.trainChunks * meta.K;
  return { meta, train: ids.subarray(0, cut), heldout: ids.subarray(cut) };
}
