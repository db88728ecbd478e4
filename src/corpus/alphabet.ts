/**
 * The training corpora's alphabet: both are printable ASCII plus newline. Pure (no TF.js), so the engine
 * (compress op) and the UI (prompt checks) name characters the models never saw with the same rule.
 */

/** Distinct characters outside the corpora's alphabet (printable ASCII and newline), at most `max`. */
export function outsideTrainingChars(text: string, max = 12): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch !== '\n' && (c < 0x20 || c > 0x7e)) out.add(ch);
    if (out.size >= max) break;
  }
  return [...out];
}
