/**
 * Whether Step can go on, from the generation's view and the "stop at end of text" switch: a full context
 * always stops it; a last chunk holding end-of-text stops it only while the switch is on.
 */
import type { GenStateView } from '../../../engine/ops/generate.types.ts';

type HaltView = Pick<GenStateView, 'blocked' | 'counters'> & { steps: ReadonlyArray<{ endOfText: boolean }> };

/** True when the context holds no room for another chunk (eos chunk + prompt + generated > the model's limit). */
export function contextFull(v: HaltView): boolean {
  return v.counters.maxChunks > 0 && v.counters.contextChunks > v.counters.maxChunks;
}

/** True when the last generated chunk holds end-of-text. */
export function endedText(v: HaltView): boolean {
  return v.steps.length > 0 && v.steps[v.steps.length - 1].endOfText;
}

/** Why Step cannot go on (null: it can). */
export function haltReason(v: HaltView, stopAtEnd: boolean): string | null {
  if (contextFull(v)) return v.blocked ?? 'The context is full. Go Back or Reset.';
  if (endedText(v) && stopAtEnd) return v.blocked ?? 'The model wrote <|endoftext|>: this text is finished.';
  return null;
}
