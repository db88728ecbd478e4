/**
 * Models (`?panel=models`): every shipped model from the weights manifest — what it is, its configuration, its
 * training budget, its held-out metrics and, where recorded, its training curve — and how far it is from the
 * paper's scale. The other panels link here instead of repeating it. Needs no engine: only the manifest.
 */
import { totalBytes, type ManifestModel, type WeightsManifest } from '../../engine/manifest.ts';
import { useManifest } from '../manifest/useManifest.ts';
import { useApp } from '../state/store.ts';
import { SETS } from '../state/schema.ts';
import { ModelDetails } from './models/ModelDetails.tsx';
import './models/models.css';

/** The page's groups: each set's language models with the autoencoder they predict, then the rest. */
export function modelGroups(m: WeightsManifest): { title: string; names: string[] }[] {
  const names = Object.keys(m.models);
  const used = new Set<string>();
  const groups: { title: string; names: string[] }[] = [];
  for (const set of SETS) {
    const ae = (m.models[`${set}-calm`]?.training as { autoencoder?: unknown } | undefined)?.autoencoder;
    const own = names.filter((n) => n === `${set}-calm` || n === `${set}-baseline` || (typeof ae === 'string' && n === ae && n !== 'ae-robust'));
    if (own.length === 0) continue;
    own.forEach((n) => used.add(n));
    groups.push({ title: `Language models on ${set}`, names: own });
  }
  // The K dial's own models (Bandwidth panel): autoencoders ae-k1, ae-k2, ae-k8 and CALMs stories-calm-k1, -k2.
  const dial = names.filter((n) => !used.has(n) && /^(ae-k\d+|[a-z]+-calm-k\d+)$/.test(n));
  const rest = names.filter((n) => !used.has(n) && !dial.includes(n));
  if (rest.length > 0) groups.push({ title: 'Autoencoders of Compress and Noise (both corpora)', names: rest });
  if (dial.length > 0) groups.push({ title: 'The K dial (Bandwidth panel): other tokens-per-vector', names: dial });
  return groups;
}

export function ModelsPanel() {
  const load = useManifest(useApp((s) => s.engine.state === 'ready'));
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  return (
    <section aria-labelledby="models-h" className="md-panel" data-manifest={load.state}>
      <h2 id="models-h">Our models</h2>
      {captions && (
        <p className="md-intro" data-region="caption">
          Small models trained by this repository on two CPU cores (<code>npm run train</code>). The paper's are far
          larger: a 75M-parameter autoencoder, CALMs of 371M to 1.8B parameters trained on about 100B tokens; ours have
          one to two million parameters and saw a few million tokens. Every number below was measured by the training
          and evaluation scripts and read from <code>public/weights/manifest.json</code>.
        </p>
      )}
      {load.state === 'loading' && <p role="status">Reading the weights manifest…</p>}
      {load.state === 'error' && (
        <p role="alert" className="error">
          {load.message}. Check that <code>public/weights/</code> is complete and reload.
        </p>
      )}
      {load.state === 'ready' && (
        <>
          <p>
            Weights version <code data-testid="weights-version">{load.manifest.version}</code>,{' '}
            {(totalBytes(load.manifest) / 1e6).toFixed(1)} MB in all; tokenizer: byte-level BPE,{' '}
            {load.manifest.tokenizer?.vocabSize ?? '?'} tokens.
          </p>
          {modelGroups(load.manifest).map((g) => (
            <section key={g.title} className="md-group">
              <h3>{g.title}</h3>
              <div className="md-grid">
                {g.names.map((n) => (
                  <ModelDetails key={n} name={n} model={load.manifest.models[n] as ManifestModel} />
                ))}
              </div>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
