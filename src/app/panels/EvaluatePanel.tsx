/** Evaluate panel (placeholder until its feature lands). */
export function EvaluatePanel() {
  return <p className="placeholder">The Evaluate panel is being built.</p>;
}
