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

/** Characters the ASCII-only training corpora never contain. */
export function OutsideTrainingNote({ chars }: { chars: readonly string[] }) {
  if (chars.length === 0) return null;
  return (
    <p className="cz-note">
      This text has characters outside the training data ({chars.map((c) => `“${c}”`).join(' ')}): the byte-level
      tokenizer splits them into byte tokens the autoencoder rarely or never saw, so accuracy may drop.
    </p>
  );
}
