/** The prompt (settings.prompt) with presets for the current model set. */
import { useApp } from '../../state/store.ts';
import { PROMPT_PRESETS } from '../../presets/prompt-presets.ts';
import { LIMITS } from '../../state/schema.ts';

export function PromptBox({ testId, id }: { testId?: string; id: string }) {
  const prompt = useApp((s) => s.settings.prompt);
  const set = useApp((s) => s.settings.set);
  const update = useApp((s) => s.update);
  const presets = PROMPT_PRESETS[set];
  return (
    <div className="gn-prompt">
      <label htmlFor={id}>Prompt</label>
      <textarea id={id} data-testid={testId} rows={2} maxLength={LIMITS.promptChars} value={prompt}
        onChange={(e) => update({ prompt: e.target.value })} spellCheck={false} />
      <label className="gn-inline">
        Presets{' '}
        <select value="" onChange={(e) => e.target.value && update({ prompt: e.target.value })}>
          <option value="">choose…</option>
          <optgroup label="Openings of held-out passages (never trained on)">
            {presets.filter((p) => p.kind === 'held-out').map((p) => <option key={p.label} value={p.text}>{p.label}</option>)}
          </optgroup>
          <optgroup label="Things the training text never mentions">
            {presets.filter((p) => p.kind === 'unseen').map((p) => <option key={p.label} value={p.text}>{p.label}</option>)}
          </optgroup>
        </select>
      </label>
    </div>
  );
}
