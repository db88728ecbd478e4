/** Race panel (placeholder until its feature lands). */
export function RacePanel() {
  return <p className="placeholder">The Race panel is being built.</p>;
}
