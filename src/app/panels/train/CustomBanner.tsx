/** Compress and Noise: says when the Train panel's autoencoder stands in for the shipped robust one. */
import { useTrain } from './train-store.ts';

export function CustomBanner({ shown }: { shown: string | null }) {
  const custom = useTrain((s) => s.custom);
  const use = useTrain((s) => s.use);
  if (!custom) return null;
  return (
    <p className="cz-note tr-custom-banner" role="status">
      Using <strong>{custom.label}</strong>, trained in the Train panel, in place of the shipped robust autoencoder: what this panel
      calls &ldquo;robust&rdquo; below is yours (latent {custom.latent}{custom.variational ? ', with σ' : ', no σ'}).
      {shown !== null && shown !== custom.label && ' (The results below are still from the previous autoencoder; updating…)'}{' '}
      <button type="button" onClick={() => void use(null)}>Back to the shipped autoencoder</button>
    </p>
  );
}
