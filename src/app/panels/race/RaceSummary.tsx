/** The Race panel's summary line (step and speed ratios) and what happened to the prompt. */
import type { RaceResult } from '../../../engine/ops/race.types.ts';
import { fmtRatio } from '../evaluate/format.ts';
import { outsideTrainingChars } from '../generate/prompt-check.ts';

/**
 * The K× step reduction and the measured speed ratio. `trace`: a precomputed race, timed in Node when the
 * trace was made (not on this machine), shown without test ids.
 */
export function RaceSummary({ r, seed, trace = false }: { r: RaceResult; seed: number; trace?: boolean }) {
  if (r.speedRatio === null || r.stepRatio === null) return null;
  return (
    <p className="rc-summary">
      CALM took <span data-testid={trace ? undefined : 'race-step-ratio'}>{fmtRatio(r.stepRatio)}</span> fewer backbone steps and generated{' '}
      <strong data-testid={trace ? undefined : 'race-speed-ratio'}>{fmtRatio(r.speedRatio)}</strong> the baseline's tokens per second{' '}
      {r.T !== 1 && <>at T = ½ (CALM by its batch sampler, the baseline by softmax temperature){' '}</>}
      {trace ? (
        <>
          as measured in Node ({r.backend} backend) when the trace was made — not on this machine ({r.tokens} tokens each, seed {seed}).
          The live race measures it here.
        </>
      ) : (
        <>
          on this machine's {r.backend} backend ({r.tokens} tokens each, seed {seed}). The first race after loading runs while the
          browser is still optimising its code: race again for steadier numbers.
        </>
      )}
    </p>
  );
}

/** How each model read the prompt: an empty one, one shorter than a chunk (padded), characters never trained on. */
export function PromptNote({ prompt, r }: { prompt: string; r: RaceResult }) {
  const K = r.K;
  const n = r.promptTokens;
  const unseen = outsideTrainingChars(prompt);
  const notes: string[] = [];
  if (n === 0) notes.push('The prompt was empty: both models started a new text from end-of-text alone.');
  else if (n % K !== 0) {
    const pad = K - (n % K);
    notes.push(
      `The prompt is ${n} token${n === 1 ? '' : 's'}${n < K ? `, shorter than one chunk of K = ${K}` : `, not a multiple of K = ${K}`}: ` +
        `CALM read it with ${pad} end-of-text token${pad === 1 ? '' : 's'} filling its first chunk on the left; the baseline read it as is.`,
    );
  }
  if (unseen.length) notes.push(`The training text never contained ${unseen.join(' ')}: both models read them as raw bytes they have not learnt.`);
  if (notes.length === 0) return null;
  return <p className="rc-small" data-note="prompt">{notes.join(' ')}</p>;
}
