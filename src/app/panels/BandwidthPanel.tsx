/**
 * Bandwidth (`?panel=bandwidth&K=2`): K, the number of tokens one vector carries, as a dial. The text is cut
 * into chunks of K and round-tripped by that K's autoencoder (accuracy, vectors); every K's accuracy against
 * relative noise on the same text; held-out quality against inference FLOPs per token for the K = 1, 2, 4
 * CALMs and the baseline (the paper's figure in miniature); a one-click race of those models. The K models load
 * only when this panel opens (their sizes are shown first); nothing here is fetched at start-up.
 */
import { useApp } from '../state/store.ts';
import { BANDWIDTH_KS, type BandwidthK } from '../../engine/ops/bandwidth.types.ts';
import { formatPercent } from '../draw/format.ts';
import { TextInput } from './compress/TextInput.tsx';
import { EngineErrorNote } from './compress/Notes.tsx';
import { useEngineReady } from './compress/engine-hooks.ts';
import { RoundTrip } from './bandwidth/RoundTrip.tsx';
import { SigmaByK } from './bandwidth/SigmaByK.tsx';
import { ComputeChart } from './bandwidth/ComputeChart.tsx';
import { KRaceView } from './bandwidth/KRaceView.tsx';
import { aeLoadList, fmtMB } from './bandwidth/bandwidth-data.ts';
import { ModelSizes } from './bandwidth/ModelSizes.tsx';
import { useBandwidthModels, useKRace, useRoundTrip, useSweep } from './bandwidth/useBandwidth.ts';
import './compress/compress.css';
import './noise/noise.css';
import './bandwidth/bandwidth.css';

export function BandwidthPanel() {
  const text = useApp((s) => s.settings.text);
  const K = useApp((s) => s.settings.K);
  const seed = useApp((s) => s.settings.seed);
  const prompt = useApp((s) => s.settings.prompt);
  const update = useApp((s) => s.update);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ready = useEngineReady();
  const models = useBandwidthModels();
  const info = models.info;
  const ae = info?.aes.find((a) => a.K === K);
  const usable = models.loaded && (info?.loaded.includes(K) ?? false);
  const rt = useRoundTrip(text, K, usable);
  const sweep = useSweep(text, seed, models.loaded);
  const race = useKRace();
  return (
    <div className="cz-panel bw-panel">
      <h2>Bandwidth: how many tokens per vector?</h2>
      {captions && (
        <p className="cz-caption" data-region="caption">
          K is the number of tokens each vector carries: the paper&rsquo;s new dial for language models. At K = 1 CALM makes
          one vector per token, as many steps as an ordinary model; at K = 4 it needs a quarter of the steps. Turn the dial:
          the same text becomes fewer, denser vectors, which must still decode exactly and survive noise. The chart below
          shows what each K costs and what it buys.
        </p>
      )}
      <div className="split">
        <div className="split-main">
          <div className="bw-dial" data-region="controls">
            <label>
              <span>K (tokens per vector)</span>
              <select data-testid="bw-k" value={K} onChange={(e) => update({ K: Number(e.target.value) as BandwidthK })}>
                {BANDWIDTH_KS.map((k) => {
                  const a = info?.aes.find((x) => x.K === k);
                  return <option key={k} value={k} disabled={a !== undefined && !a.available}>{k}{a && !a.available ? ' (not shipped)' : ''}</option>;
                })}
              </select>
            </label>
            {ae && (
              <span className="cz-muted">
                {ae.name}: latent {ae.latent} numbers{ae.tokenAccuracy !== null ? `, ${formatPercent(ae.tokenAccuracy)} held-out` : ''}, {fmtMB(ae.bytes)}
              </span>
            )}
          </div>
          <TextInput testId="bw-input" label="Text" />
          <div className="cz-status" role="status" aria-live="polite">
            {!ready
              ? 'Waiting for the models to load…'
              : !info
                ? 'Reading the model list…'
                : models.progress
                  ? `Loading the K dial's autoencoders (${aeLoadList(info)}): ${fmtMB(models.progress.done)} of ${fmtMB(models.progress.total)}`
                  : !models.loaded
                    ? `Loading the K dial's autoencoders (${aeLoadList(info) || 'none to fetch'})…`
                    : rt.busy ? 'Encoding…' : ''}
          </div>
          {models.error && <EngineErrorNote error={models.error} keeping={false} />}
          {models.failed.length > 0 && (
            <p className="cz-note" role="status">{models.failed.map((f) => `K = ${f.K}: ${f.message}`).join(' ')}</p>
          )}
          {models.loaded && !usable && <p className="cz-note">The autoencoder for K = {K} is not available in this checkout: pick another K.</p>}
          {rt.error && <EngineErrorNote error={rt.error} keeping={!!rt.result} />}
          {rt.result && <RoundTrip r={rt.result} busy={rt.busy} />}
          {sweep.error && <p className="cz-error" role="alert">{sweep.error.message} {sweep.error.fix}</p>}
          {sweep.result ? <SigmaByK r={sweep.result} captions={captions} /> : models.loaded && <p role="status">Sweeping σ for every K…</p>}
          <KRaceView race={race} prompt={prompt} seed={seed} ready={ready && models.loaded} info={info} />
        </div>
        <div className="split-side">
          {info && <ComputeChart info={info} captions={captions} />}
          {info && <ModelSizes info={info} />}
        </div>
      </div>
    </div>
  );
}
