/** The compute frontier's title and caption for the saved figure, and its checkpoints as CSV (pure). */
import type { ModelSetName } from '../../../engine/protocol.ts';
import type { CsvTable } from '../../charts/export.ts';
import type { FrontierPoint } from './frontier.ts';

export const FRONTIER_TITLE = 'The compute frontier: held-out Brier-1 during training';

/** What the chart shows, then the comparison sentence under it (`sentence`: frontierSentence's). */
export function frontierCaption(set: ModelSetName, sentence: string): string {
  return `Held-out Brier-1 (the Brier score of the next token alone; higher is better) of the ${set} CALM and discrete ` +
    `baseline at the checkpoints their training recorded, ± one standard error. ${sentence}`;
}

/** One row per checkpoint of either model: both x axes, Brier-1 and its standard error, and the losses. */
export function frontierTable(calm: readonly FrontierPoint[], baseline: readonly FrontierPoint[]): CsvTable {
  const rows = (model: string, ps: readonly FrontierPoint[]) =>
    ps.map((p) => [model, p.step, p.tokens, p.flops, p.minutes * 60, p.y, p.se, p.loss, p.heldoutLoss]);
  return {
    columns: ['model', 'step', 'tokens', 'train_flops', 'train_seconds', 'brier1', 'brier1_stderr', 'train_loss', 'heldout_loss'],
    rows: [...rows('CALM', calm), ...rows('discrete baseline', baseline)],
  };
}
