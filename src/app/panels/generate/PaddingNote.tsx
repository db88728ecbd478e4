/** Says when the prompt does not fill whole K-token chunks (e.g. "Hi", one token) and how it was padded. */
export function PaddingNote({ promptTokens, padTokens, K }: { promptTokens: number; padTokens: number; K: number }) {
  if (padTokens <= 0) return null;
  const eot = `${padTokens} end-of-text token${padTokens === 1 ? '' : 's'}`;
  return (
    <p className="gn-note" data-note="padding">
      {promptTokens < K
        ? `The prompt is only ${promptTokens} token${promptTokens === 1 ? '' : 's'}, shorter than one chunk of K = ${K}: ${eot} fill that chunk on the left.`
        : `The prompt is ${promptTokens} tokens, not a multiple of ${K}: ${eot} fill its first chunk on the left.`}{' '}
      Training never put padding inside a chunk, so the first steps may suffer; the presets are whole chunks.
    </p>
  );
}
