/**
 * The prompt (settings.prompt) with presets for the current model set, a hint when it is blank, and an
 * honest note when it has characters the training text never contains. `hide=controls` hides the presets.
 */
import { useApp } from '../../state/store.ts';
import { PROMPT_PRESETS } from '../../presets/prompt-presets.ts';
import { LIMITS } from '../../state/schema.ts';
import { OutsideTrainingNote } from '../compress/Notes.tsx';
import { isBlankPrompt, outsideTrainingChars } from './prompt-check.ts';
import '../compress/compress.css';

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
      <label className="gn-inline" data-region="controls">
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
      {isBlankPrompt(prompt) && <p className="gn-muted" data-note="blank-prompt">The prompt is empty: type a few words or pick a preset.</p>}
      <OutsideTrainingNote chars={outsideTrainingChars(prompt)} subject="The prompt"
        effect="the models rarely or never saw, so expect an odd continuation (the mechanics still run)" />
    </div>
  );
}
