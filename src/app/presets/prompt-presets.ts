/**
 * Prompt presets for the Generate and Temperature panels, per model set: openings of held-out passages
 * (public/heldout/<set>.json: never trained on, same style) and a few prompts about things the corpora
 * never mention. Every preset is a whole number of K = 4 tokens, so no end-of-text padding lands inside
 * a chunk (the model never saw that in training; see the panel's note). A unit test checks the counts.
 */
import type { ModelSetName } from '../../engine/protocol.ts';

export interface PromptPreset {
  label: string;
  text: string;
  kind: 'held-out' | 'unseen';
}

export const PROMPT_PRESETS: Record<ModelSetName, readonly PromptPreset[]> = {
  stories: [
    { kind: 'held-out', label: 'Once upon a time', text: 'Once upon a time' },
    { kind: 'held-out', label: 'Ella loved to play', text: 'Once upon a time, there was a girl called Ella. She loved to play' },
    { kind: 'held-out', label: 'Theo, a playful boy', text: 'Theo was a playful boy. He had lots of friends, and he loved to' },
    { kind: 'held-out', label: 'Sara and Ella at the beach', text: 'Sara and Ella were best friends. They liked to play together at the beach.' },
    { kind: 'unseen', label: 'Smartphone (never seen)', text: 'My smartphone buzzed while I' },
    { kind: 'unseen', label: 'Text message (never seen)', text: 'Grandma sent a text message to' },
    { kind: 'unseen', label: 'Astronaut (never seen)', text: 'The astronaut looked at the stars and' },
  ],
  austen: [
    { kind: 'held-out', label: 'Mrs. Jennings', text: 'Mrs. Jennings was a widow with an ample jointure. She' },
    { kind: 'held-out', label: 'Marianne yielded', text: "After some opposition, Marianne yielded to her sister's entreaties," },
    { kind: 'held-out', label: 'Two ladies retired to dress', text: "At five o'clock the two ladies retired to dress, and at" },
    { kind: 'held-out', label: 'Elizabeth in the park', text: 'More than once did Elizabeth, in her ramble within the park,' },
    { kind: 'unseen', label: 'Smartphone (never seen)', text: 'My smartphone buzzed while I' },
    { kind: 'unseen', label: 'Text message (never seen)', text: 'Grandma sent a text message to' },
  ],
};
