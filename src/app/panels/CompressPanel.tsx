/** Compress panel (placeholder until its feature lands). */
export function CompressPanel() {
  return <p className="placeholder">The Compress panel is being built.</p>;
}
