/** Noise panel (placeholder until its feature lands). */
export function NoisePanel() {
  return <p className="placeholder">The Noise panel is being built.</p>;
}
