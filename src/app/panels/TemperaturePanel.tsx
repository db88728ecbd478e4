/** Temperature panel (placeholder until its feature lands). */
export function TemperaturePanel() {
  return <p className="placeholder">The Temperature panel is being built.</p>;
}
