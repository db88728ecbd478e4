/**
 * Node-only: BrierLM evaluation of CALM, the discrete baseline and a unigram floor on the same
 * held-out positions at the same context length (CALM.md §4). The estimators live in
 * src/model/evaluate.ts (shared with the browser's Evaluate panel); this file supplies the held-out
 * windows and the training-set unigram counts from the corpus on disk.
 *
 * Positions: windows of the held-out stream (documents framed as in training), chunk-aligned, every
 * `stride` tokens. At each window the models see the same EVAL_CONTEXT = 124 tokens (31 chunks) and
 * predict the next 4 tokens (CALM: the next chunk; Brier-n = its first n tokens).
 *  - CALM: `samples` head draws per position with independent noise, decoded; disjoint pairs give
 *    samples/2 two-sample estimates per position (averaged per position). repeatRate = share of
 *    positions whose draws contain a repeated chunk (with 100 draws).
 *  - baseline: the lower-variance form 2·P(y₁..ₙ) − P(x̂₁..ₙ) with x̂ sampled from the model.
 *  - unigram: training-set token frequencies, the same lower-variance form.
 */
import { tokenizedDocs, corpusChunks } from './token-data.ts';
import type { BrierSummary } from '../../src/model/brier.ts';
import type { CalmConfig } from '../../src/model/calm.ts';
import type { BaselineConfig } from '../../src/model/baseline.ts';
import type { AEConfig } from '../../src/model/autoencoder.ts';
import {
  BaselineBrierEval, CalmBrierEval, EVAL_CONTEXT, EVAL_K, runToEnd, streamWindows, UnigramBrierEval, unigramProbabilities,
  type CalmEvalResult,
} from '../../src/model/evaluate.ts';
import type { Params } from '../../src/model/params.ts';
import type { CorpusName } from '../../src/corpus/corpus.ts';
import { log } from './args.ts';

export { EVAL_CONTEXT, type CalmEvalResult };

export function heldoutWindows(set: CorpusName, eosId: number, stride: number, maxWindows = Infinity): Int32Array[] {
  return streamWindows(corpusChunks(set, 'heldout', EVAL_K, eosId), stride, maxWindows);
}

export function evalCalm(
  calm: Params, cfg: CalmConfig, ae: Params, aeCfg: AEConfig, windows: Int32Array[], samples: number, seed: number,
  progress?: (done: number) => void,
): CalmEvalResult {
  return runToEnd(new CalmBrierEval({ params: calm, cfg }, { params: ae, cfg: aeCfg }, windows, samples, seed), progress);
}

export function evalBaseline(
  params: Params, cfg: BaselineConfig, windows: Int32Array[], seed: number, progress?: (done: number) => void,
): BrierSummary {
  return runToEnd(new BaselineBrierEval({ params, cfg }, windows, seed), progress);
}

/** Raw token counts of a corpus's training split (what `npm run unigram` ships for the browser). */
export function trainingUnigramCounts(set: CorpusName, vocabSize: number): Float64Array {
  const counts = new Float64Array(vocabSize);
  for (const d of tokenizedDocs(set, 'train')) for (const t of d) counts[t]++;
  return counts;
}

/** Unigram model from training-token frequencies (add-one smoothing), lower-variance form. */
export function evalUnigram(set: CorpusName, vocabSize: number, windows: Int32Array[], seed: number): BrierSummary {
  return runToEnd(new UnigramBrierEval(unigramProbabilities(trainingUnigramCounts(set, vocabSize)), windows, seed));
}

export function progressLogger(label: string, total: number): (done: number) => void {
  const t0 = performance.now();
  let last = 0;
  return (done) => {
    const now = performance.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    const rate = done / ((now - t0) / 1000);
    log(`[eval-lm] ${label}: ${done}/${total} positions, ${rate.toFixed(1)}/s, ETA ${((total - done) / rate).toFixed(0)}s`);
  };
}
