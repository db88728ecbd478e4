/**
 * Decoded tokens as running text, with marked tokens shown by more than colour: a wavy underline,
 * a ✗ after the token and a hidden "(wrong …)" for screen readers. The text of the element is the
 * decoded text itself when nothing is marked.
 */
import './compress.css';

export type TokenMark = 'wrong' | 'flipped' | undefined;

export interface TokenTextProps {
  tokens: readonly string[];
  /** Per position (same length as tokens) or undefined. */
  marks: readonly TokenMark[];
  /** What the input had at each position (for the title and the screen-reader note). */
  inputs: readonly string[];
  testId?: string;
  label: string;
}

export function TokenText({ tokens, marks, inputs, testId, label }: TokenTextProps) {
  return (
    <p className="cz-tokentext" data-testid={testId} aria-label={label}>
      {tokens.map((t, i) => {
        const m = marks[i];
        if (!m) return <span key={i}>{t}</span>;
        const why = m === 'flipped' ? 'flipped by the noise' : 'wrong';
        return (
          <mark key={i} className={`cz-mark cz-${m}`} title={`${why}: decoded “${t}”, the input had “${inputs[i]}”`}>
            {t}
            <span className="cz-hidden"> ({why}; the input had “{inputs[i]}”)</span>
          </mark>
        );
      })}
    </p>
  );
}
