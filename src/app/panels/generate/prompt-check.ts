/**
 * Checks on the prompt before the Generate and Temperature panels ask the engine for anything (pure):
 * a blank prompt is refused with a message (the last result stays), and characters the ASCII-only training
 * corpora never contain are named, so the panel can say honestly that the model has not seen them.
 */
import type { EngineErrorInfo } from '../../../engine/protocol.ts';

/** True for an empty or whitespace-only prompt. */
export function isBlankPrompt(prompt: string): boolean {
  return prompt.trim().length === 0;
}

export const BLANK_PROMPT: EngineErrorInfo = {
  code: 'bad-input',
  message: 'The prompt is empty (or only spaces).',
  fix: 'Type a few words or pick a preset: the model continues a text. The last result stays until then.',
};

export { outsideTrainingChars } from '../../../corpus/alphabet.ts';
