/**
 * The text box shared by the Compress and Noise panels: edits settings.text (debounced, so typing
 * stays smooth and the URL follows; flushed when the panel closes), with a preset picker of held-out and
 * modern sentences (`hide=controls` hides the picker).
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../../state/store.ts';
import { TEXT_PRESETS } from '../../presets/text-presets.ts';
import './compress.css';

const DEBOUNCE_MS = 350;

export const TextInput = memo(function TextInput({ testId, label }: { testId: string; label: string }) {
  const text = useApp((s) => s.settings.text);
  const update = useApp((s) => s.update);
  const [draft, setDraft] = useState(text);
  const committed = useRef(text);
  const id = useId();

  // Text changed elsewhere (a preset, the other panel, truncation): show it.
  useEffect(() => {
    if (text !== committed.current) {
      committed.current = text;
      setDraft(text);
    }
  }, [text]);

  useEffect(() => {
    if (draft === committed.current) return;
    const t = setTimeout(() => {
      committed.current = draft;
      update({ text: draft });
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, update]);

  // Leaving the panel (a tab switch) within the debounce time must not lose what was typed: commit it.
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(
    () => () => {
      if (latest.current !== committed.current) update({ text: latest.current });
    },
    [update],
  );

  const preset = TEXT_PRESETS.find((p) => p.text === draft)?.id ?? '';
  return (
    <div className="cz-input">
      <div className="cz-input-head">
        <label htmlFor={`${id}-text`}>{label}</label>
        <label className="cz-preset" data-region="controls">
          <span>Preset</span>
          <select
            value={preset}
            onChange={(e) => {
              const p = TEXT_PRESETS.find((x) => x.id === e.target.value);
              if (!p) return;
              committed.current = p.text;
              setDraft(p.text);
              update({ text: p.text });
            }}
          >
            <option value="">Your own text…</option>
            {TEXT_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <textarea
        id={`${id}-text`}
        data-testid={testId}
        value={draft}
        rows={3}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
      />
    </div>
  );
});
