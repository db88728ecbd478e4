/**
 * The text so far: the prompt, then each generated chunk in its own box (boundaries drawn by CSS).
 * `live`: the live model's generation (test ids on); false for a precomputed trace.
 */
import type { GenStateView } from '../../../engine/ops/generate.types.ts';

export function GenOutput({ view, selected, onSelect, live = true }: { view: GenStateView; selected: number; onSelect: (i: number) => void; live?: boolean }) {
  return (
    <div className={`gn-output${live ? '' : ' trace-view'}`} data-testid={live ? 'gen-output' : undefined} aria-label="Text so far: the prompt, then one box per generated chunk">
      <span className="gn-prompt-text">{view.promptText}</span>
      {view.steps.map((s, i) => (
        <span key={i} data-testid={live ? 'gen-chunk' : undefined} data-step={i + 1}
          className={`gn-chunk${i % 2 ? ' gn-odd' : ''}${i === selected ? ' gn-selected' : ''}${s.endOfText ? ' gn-eot' : ''}`}
          title={`step ${i + 1}: ${s.tokens.map((t) => JSON.stringify(t)).join(' ')}`} onClick={() => onSelect(i)}>
          {s.text}
          {s.endOfText && <span className="gn-eot-mark" data-testid={live ? 'gen-eot' : undefined}>⏹ end of text</span>}
          {s.afterEnd}
        </span>
      ))}
    </div>
  );
}
