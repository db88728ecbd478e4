/** Small notices shared by the Compress and Noise panels. */
import type { EngineErrorInfo } from '../../../engine/protocol.ts';

/** An engine error (e.g. empty text) with its fix; says the previous result is kept. */
export function EngineErrorNote({ error, keeping }: { error: EngineErrorInfo; keeping: boolean }) {
  return (
    <p className="cz-error" role="alert">
      {error.message} {error.fix}
      {keeping && <span className="cz-muted"> The previous result is still shown.</span>}
    </p>
  );
}

/**
 * Characters the ASCII-only training corpora never contain. `subject`: "This text" / "The prompt";
 * `effect`: what that does to the result shown.
 */
export function OutsideTrainingNote({ chars, subject = 'This text', effect = 'the autoencoder rarely or never saw, so accuracy may drop' }: {
  chars: readonly string[]; subject?: string; effect?: string;
}) {
  if (chars.length === 0) return null;
  const shown = chars.map((c) => `“${c === '\t' ? 'tab' : c}”`).join(' ');
  return (
    <p className="cz-note" data-note="outside-training">
      {subject} has characters outside the training data ({shown}): the byte-level tokenizer splits them into byte
      tokens {effect}.
    </p>
  );
}
