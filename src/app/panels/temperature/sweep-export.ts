/** The temperature sweep's caption (shown under the chart, and in the saved figure) and its data as CSV (pure). */
import type { TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { formatTemperature } from '../../../model/sweep.ts';
import type { CsvTable } from '../../charts/export.ts';
import { failedShare, MAX_FAILED_SHARE, METRIC_LABEL, type AccuracyMetric } from './sweep-view.ts';

export const SWEEP_TITLE = 'Temperature sweep: diversity against accuracy, CALM and the token baseline';

export function sweepCaption(r: TempSweepResult, metric: AccuracyMetric): string {
  const hidden = [...r.calm, ...r.baseline].filter((p) => failedShare(p, r) > MAX_FAILED_SHARE);
  return `Each point (labelled with its T): ${r.contexts} held-out contexts of the ${r.set} set (${Math.round(r.contextTokens.min)}–${Math.round(r.contextTokens.max)} tokens), ` +
    `${r.pairs} pair${r.pairs === 1 ? '' : 's'} of independent samples each. Right = more diverse, up = more often the true ` +
    `continuation (${METRIC_LABEL[metric]}). Lowering T should move a model up and to the left. CALM has no logits: its ` +
    'temperature comes from the batch rule, and a larger N makes it sharper. The baseline divides its logits by T. ' +
    "* marks CALM at a fractional 1/T: the labelled extension, not the paper's algorithm." +
    (hidden.length > 0
      ? ` Left off the chart: ${hidden.map((p) => `${p.model === 'calm' ? `CALM N = ${p.N}` : 'baseline'} at T = ${formatTemperature(p.T)}`).join('; ')}. There the sampler gave up on more than ${MAX_FAILED_SHARE * 100} % of samples: the extension's stage-2 coin needs about 1/P(x) fresh draws, and this small model spreads its probability over so many chunks that ${r.freshDraws} draws per sample are often not enough (the table lists the give-ups; the rates cover only the samples produced).`
      : '') +
    (r.fromCache ? ' (From the engine’s cache: same settings as an earlier sweep.)' : '');
}

/** Every point of the sweep (also those left off the chart), rates as fractions with their standard errors. */
export function sweepTable(r: TempSweepResult): CsvTable {
  const total = 2 * r.contexts * r.pairs;
  return {
    columns: ['model', 'N', 'T', 'extension', 'diversity', 'diversity_stderr', 'collision', 'collision_stderr',
      'first_token_accuracy', 'first_token_stderr', 'chunk_accuracy', 'chunk_stderr', 'gave_up', 'samples', 'on_chart'],
    rows: [...r.calm, ...r.baseline].map((p) => [
      p.model, p.N, p.T, p.extension, p.diversity.value, p.diversity.stderr, p.collision.value, p.collision.stderr,
      p.firstToken.value, p.firstToken.stderr, p.chunk.value, p.chunk.stderr, p.failed, total, failedShare(p, r) <= MAX_FAILED_SHARE,
    ]),
  };
}
