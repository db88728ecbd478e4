/**
 * "Same prompt at T = 1 and at T = ½": CALM continues the prompt twice (COMPARE_TOKENS tokens each) and the
 * two texts sit side by side, with what each cost. Open (and run once) in the lesson `why-temperature`;
 * a collapsed section otherwise. Results carry test ids (live only): gen-compare-1, gen-compare-half.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../state/store.ts';
import { RACE_CALM_BATCH } from '../../../engine/ops/race.types.ts';
import { fmtMs } from '../evaluate/format.ts';
import { ErrorNote, useReady } from './engine-calls.tsx';
import { isBlankPrompt } from './prompt-check.ts';
import { COMPARE_TEMPERATURES, COMPARE_TOKENS, sameKey, useTempCompare } from './useTempCompare.ts';

export const COMPARE_LESSON = 'why-temperature';

const TITLES = ['T = 1: one head sample per step', `T = ½: the batch sampler, N = ${RACE_CALM_BATCH} per step`];
const TEST_IDS = ['gen-compare-1', 'gen-compare-half'];

export function TempCompare() {
  const set = useApp((s) => s.settings.set);
  const prompt = useApp((s) => s.settings.prompt);
  const seed = useApp((s) => s.settings.seed);
  const inLesson = useApp((s) => s.settings.lesson === COMPARE_LESSON);
  const ready = useReady();
  const c = useTempCompare();
  const [open, setOpen] = useState(inLesson);
  const autoRan = useRef(false);
  const key = { set, prompt, seed };
  const blank = isBlankPrompt(prompt);

  useEffect(() => {
    if (inLesson) setOpen(true);
  }, [inLesson]);
  // In the lesson, show the comparison without a click: once, when the models are ready.
  useEffect(() => {
    if (!open || !inLesson || !ready || blank || autoRan.current || c.busy || (c.run && sameKey(c.run.key, key))) return;
    autoRan.current = true;
    void c.start(key);
  });

  const current = c.run !== null && sameKey(c.run.key, key);
  return (
    <details className="gn-compare" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Same prompt at T = 1 and at T = ½</summary>
      <p className="gn-muted" data-region="caption">
        CALM continues the prompt for {COMPARE_TOKENS} tokens twice, with the same seed: once taking each head sample as it
        comes, once at the authors’ T = ½, where each step draws {RACE_CALM_BATCH} chunks and one that repeats wins. An
        end-of-text token does not stop it; it shows as a blank line.
      </p>
      <div className="gn-buttons">
        <button type="button" onClick={() => void c.start(key)} disabled={!ready || c.busy || blank}>
          {current ? 'Again' : 'Continue this prompt both ways'}
        </button>
        <span className="gn-status" role="status" aria-live="polite">
          {!ready ? 'Waiting for the models to load…' : c.busy ? 'Generating at T = 1 and at T = ½…' : ''}
        </span>
      </div>
      <ErrorNote error={c.error} />
      {c.run && !current && (
        <p className="gn-note">For the prompt “{c.run.key.prompt}” (seed {c.run.key.seed}); press the button for the current one.</p>
      )}
      {c.run && (
        <div className="gn-compare-grid">
          {COMPARE_TEMPERATURES.map((T, i) => {
            const lane = c.run!.lanes[i];
            return (
              <section key={T} aria-label={TITLES[i]}>
                <h4>{TITLES[i]}</h4>
                <p className="gn-compare-text">
                  <span className="gn-muted">{c.run!.key.prompt}</span>
                  <span data-testid={TEST_IDS[i]}>{lane.text}</span>
                </p>
                <p className="gn-muted">
                  {lane.tokens} tokens in {lane.steps} steps, {fmtMs(lane.ms)}; {lane.drawsPerStep * lane.steps} head samples.
                </p>
              </section>
            );
          })}
        </div>
      )}
    </details>
  );
}
