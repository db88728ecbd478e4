/**
 * Use a trained run elsewhere: send it to Compress and Noise (a snapshot of its weights now), download it in
 * the project's weights format (three files), or load a download back through a file picker (checked as
 * shipped weights are: SHA-256 and sizes against its manifest, then shapes against its config).
 */
import { useRef } from 'react';
import { useTrain } from './train-store.ts';

export function ModelFiles({ canExport }: { canExport: boolean }) {
  const custom = useTrain((s) => s.custom);
  const note = useTrain((s) => s.fileNote);
  const use = useTrain((s) => s.use);
  const download = useTrain((s) => s.download);
  const importFiles = useTrain((s) => s.importFiles);
  const picker = useRef<HTMLInputElement>(null);
  return (
    <section className="tr-files" aria-labelledby="tr-files-h">
      <h3 id="tr-files-h">Use your autoencoder</h3>
      <div className="tr-buttons">
        <button type="button" disabled={!canExport} onClick={() => void use('a')}>Use run A in Compress and Noise</button>
        <button type="button" disabled={!canExport} onClick={() => void use('b')}>Use run B in Compress and Noise</button>
        <button type="button" disabled={!custom} onClick={() => void use(null)}>Back to the shipped autoencoder</button>
      </div>
      <div className="tr-buttons">
        <button type="button" disabled={!canExport} onClick={() => void download('a')}>Download run A</button>
        <button type="button" disabled={!canExport} onClick={() => void download('b')}>Download run B</button>
        <button type="button" onClick={() => picker.current?.click()}>Load a downloaded autoencoder…</button>
        <input ref={picker} type="file" multiple hidden accept=".json,.bin" aria-label="Pick the .manifest.json, .model.json and .weights.bin files"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void importFiles(files);
          }} />
      </div>
      <p className="cz-muted">
        {custom ? <>In use in Compress and Noise: <strong>{custom.label}</strong> (latent {custom.latent}, {custom.variational ? 'with σ' : 'no σ'}).</> : 'Compress and Noise use the shipped autoencoder.'}
        {' '}A download is three files (.manifest.json with SHA-256 and config, .model.json, .weights.bin); pick all three to load them back.
      </p>
      {note && <p className="cz-note" role="status">{note}</p>}
    </section>
  );
}
