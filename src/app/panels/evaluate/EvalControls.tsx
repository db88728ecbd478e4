/** What to evaluate: model set, held-out span or the user's own text. */
import { useState } from 'react';
import { useApp } from '../../state/store.ts';
import { cleanText, SETS } from '../../state/schema.ts';
import { EVAL_CONTEXT_TOKENS, EVAL_DEFAULTS, EVAL_LIMITS } from '../../../engine/ops/evaluate.types.ts';
import type { ModelSetName } from '../../../engine/protocol.ts';

export const SPANS = [2_000, 5_000, 10_000, 20_000] as const;

export interface EvalChoice {
  source: 'heldout' | 'text';
  tokens: number;
  text: string;
}

export function EvalControls({ choice, onChange, disabled }: { choice: EvalChoice; onChange(c: EvalChoice): void; disabled: boolean }) {
  const set = useApp((s) => s.settings.set);
  const update = useApp((s) => s.update);
  // Pasted text: control characters are dropped and anything past the limit is cut, each with a notice.
  const [notice, setNotice] = useState<string | null>(null);
  const onText = (raw: string) => {
    const c = cleanText(raw, EVAL_LIMITS.maxTextChars);
    const notes = [
      c.truncated && `The text was cut to its first ${EVAL_LIMITS.maxTextChars.toLocaleString()} characters (the limit for one evaluation).`,
      c.stripped && 'Control characters were removed.',
    ].filter(Boolean);
    setNotice(notes.length ? notes.join(' ') : null);
    onChange({ ...choice, text: c.text });
  };
  return (
    <fieldset className="ev-controls" disabled={disabled}>
      <legend>What to evaluate</legend>
      <label>
        Model set{' '}
        <select value={set} onChange={(e) => update({ set: e.target.value as ModelSetName })}>
          {SETS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <div className="ev-source" role="radiogroup" aria-label="Source">
        <label>
          <input type="radio" name="ev-source" checked={choice.source === 'heldout'} onChange={() => onChange({ ...choice, source: 'heldout' })} />{' '}
          Held-out {set} passages (never trained on)
        </label>
        <label>
          <input type="radio" name="ev-source" checked={choice.source === 'text'} onChange={() => onChange({ ...choice, source: 'text' })} /> My own text
        </label>
      </div>
      {choice.source === 'heldout' && (
        <label>
          Held-out tokens{' '}
          <select value={choice.tokens} onChange={(e) => onChange({ ...choice, tokens: Number(e.target.value) })}>
            {SPANS.map((n) => <option key={n} value={n}>{n.toLocaleString()}</option>)}
          </select>{' '}
          <span className="ev-small">(a position every {EVAL_DEFAULTS.stride} tokens, each predicted from the {EVAL_CONTEXT_TOKENS} before it)</span>
        </label>
      )}
      {choice.source === 'text' && (
        <div className="ev-text">
          <label htmlFor="ev-text">Text to evaluate (every chunk of it is predicted from the text before it)</label>
          <textarea id="ev-text" data-testid="eval-text" rows={5} value={choice.text}
            placeholder="Paste a paragraph or more…" onChange={(e) => onText(e.target.value)} />
          {notice && <p className="ev-notice" role="status">{notice}</p>}
        </div>
      )}
    </fieldset>
  );
}
