import { describe, expect, it } from 'vitest';
import { firstSentence } from './sentences.ts';

describe('firstSentence', () => {
  it('skips titles such as Mrs. and Mr.', () => {
    expect(firstSentence('Mrs. Bennet was restless. She walked.')).toBe('Mrs. Bennet was restless.');
    expect(firstSentence('Mr. and Mrs. Smith came! Then left.')).toBe('Mr. and Mrs. Smith came!');
  });
  it('keeps closing quotes with the sentence', () => {
    expect(firstSentence('"Where are you going?" asked Tom. Then he ran.')).toBe('"Where are you going?"');
    expect(firstSentence('He said, "Stop." She stopped.')).toBe('He said, "Stop."');
  });
  it('falls back to a word boundary when there is no sentence end', () => {
    const s = firstSentence('word '.repeat(100), 50);
    expect(s.length).toBeLessThanOrEqual(50);
    expect(s.endsWith('word')).toBe(true);
  });
});
