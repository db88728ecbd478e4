import { useEffect, useState } from 'react';
import { fetchManifest, totalBytes, type WeightsManifest } from '../engine/manifest.ts';
import { ModelCard } from './ModelCard.tsx';

type Load = { state: 'loading' } | { state: 'ready'; manifest: WeightsManifest } | { state: 'error'; message: string };

/** What each model is, how it was trained and how far it is from the paper's scale (from the manifest). */
export function ModelsSection() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    fetchManifest(ctl.signal)
      .then((manifest) => setLoad({ state: 'ready', manifest }))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setLoad({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => ctl.abort();
  }, []);
  return (
    <section aria-labelledby="models-h" className="card" data-manifest={load.state}>
      <h2 id="models-h">Our models</h2>
      <p>
        Small models trained by this repository on two CPU cores (paper: 75M-parameter autoencoder, CALM up to
        1.8B parameters and ~100B tokens; ours: about a million parameters and a few million tokens).
      </p>
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
          <div className="models">
            {Object.entries(load.manifest.models).map(([name, model]) => (
              <ModelCard key={name} name={name} model={model} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
