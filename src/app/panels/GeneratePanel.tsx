/** Generate panel (placeholder until its feature lands). */
export function GeneratePanel() {
  return <p className="placeholder">The Generate panel is being built.</p>;
}
