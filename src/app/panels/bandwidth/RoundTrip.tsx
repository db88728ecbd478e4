/**
 * The text cut into chunks of the dialled K and decoded back by that K's autoencoder: one card per vector
 * (its K input tokens, and the decode with wrong tokens marked), token accuracy (`bw-accuracy`) and the
 * number of vectors (`bw-vectors`), labels outside the test-id elements.
 */
import type { BandwidthRoundTripResult } from '../../../engine/ops/bandwidth.types.ts';
import { chipLabel, formatPercent } from '../../draw/format.ts';
import { chunkGroups } from './bandwidth-data.ts';

/** Cards drawn at most (a long text still shows its figures; the rest is summarised). */
const MAX_CARDS = 64;

export function RoundTrip({ r, busy }: { r: BandwidthRoundTripResult; busy: boolean }) {
  const groups = chunkGroups(r);
  const wrong = r.correct.filter((c, i) => !c && i < r.tokens.length).length;
  return (
    <section className="bw-roundtrip" aria-labelledby="bw-rt-h" data-busy={busy ? 'true' : 'false'}>
      <h3 id="bw-rt-h">K = {r.K}: {r.tokens.length} tokens → {r.vectors} vectors of {r.latent} numbers → back</h3>
      <dl className="bw-figures">
        <div>
          <dt>Token accuracy</dt>
          <dd><span className="cz-big" data-testid="bw-accuracy">{formatPercent(r.tokenAccuracy)}</span></dd>
        </div>
        <div>
          <dt>Vectors</dt>
          <dd><span className="cz-big" data-testid="bw-vectors">{r.vectors}</span></dd>
        </div>
        <div>
          <dt>Generation steps for CALM / a token model</dt>
          <dd><span className="cz-big">{r.vectors} / {r.tokens.length}</span></dd>
        </div>
        <div>
          <dt>Whole vectors right</dt>
          <dd><span className="cz-big">{formatPercent(r.chunkAccuracy)}</span></dd>
        </div>
      </dl>
      {r.padded > 0 && (
        <p className="cz-muted">The last vector carries {r.padded} end-of-text {r.padded === 1 ? 'token' : 'tokens'} of padding (not counted in the accuracy).</p>
      )}
      <p className="cz-muted">Each card is one vector: the text&rsquo;s {r.K} {r.K === 1 ? 'token' : 'tokens'} on top, what the decoder gives back below (✗ marks a wrong token).</p>
      <ol className="bw-chunks" aria-label={`The text in chunks of ${r.K} tokens${wrong ? `, ${wrong} decoded wrong` : ''}`}>
        {groups.slice(0, MAX_CARDS).map((g, c) => (
          <li key={c} className="bw-chunk">
            <span className="bw-row">{g.map((t, k) => <span key={k} className={`bw-tok${t.pad ? ' bw-pad' : ''}`}>{chipLabel(t.input)}</span>)}</span>
            <span className="bw-row bw-dec" aria-label="decoded">
              {g.map((t, k) => (t.correct || t.pad
                ? <span key={k} className={`bw-tok${t.pad ? ' bw-pad' : ''}`}>{chipLabel(t.decoded)}</span>
                : <mark key={k} className="bw-tok cz-mark cz-wrong" title={`wrong: decoded “${t.decoded}”, the input had “${t.input}”`}>{chipLabel(t.decoded)} ✗</mark>))}
            </span>
          </li>
        ))}
      </ol>
      {groups.length > MAX_CARDS && <p className="cz-muted">… and {groups.length - MAX_CARDS} more vectors (the figures above count them all).</p>}
    </section>
  );
}
