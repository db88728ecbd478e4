import { describe, expect, it } from 'vitest';
import { isBlankPrompt, outsideTrainingChars } from './prompt-check.ts';

describe('prompt checks', () => {
  it('blank means empty or whitespace only', () => {
    for (const p of ['', ' ', '\n\t  \n', '\u00a0 ']) expect(isBlankPrompt(p)).toBe(true);
    for (const p of ['Hi', ' a ', '🙃']) expect(isBlankPrompt(p)).toBe(false);
  });
  it('names characters outside printable ASCII (whole emoji, CJK, RTL, tabs), once each', () => {
    expect(outsideTrainingChars('Once upon a time,\nthere was a girl.')).toEqual([]);
    expect(outsideTrainingChars('🙃 你好 שלום 🙃\t')).toEqual(['🙃', '你', '好', 'ש', 'ל', 'ו', 'ם', '\t']);
    expect(outsideTrainingChars('é'.repeat(50) + 'ü', 1)).toEqual(['é']);
  });
});
