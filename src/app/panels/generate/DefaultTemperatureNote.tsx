/**
 * The Generate and Temperature panels' caption on the default temperature: why it is ½ (the authors'
 * setting, CALM.md §5), that T = 1 is one click away, and that the batch rule at finite N runs hotter than
 * its nominal T. A caption: hidden with hide=captions.
 */
export function DefaultTemperatureNote({ panel }: { panel: 'generate' | 'temperature' }) {
  return (
    <p className="gn-caption" data-region="caption" data-note="default-temperature">
      Sampling opens where the authors sample: the batch sampler at T = ½ with N = 200, their reference setting.
      Why ½: a colder draw keeps to the chunks the model draws again and again, trading some variety for surer
      text.{' '}
      {panel === 'generate'
        ? 'Plain T = 1, one head sample per step, is one click away (the “Plain T = 1” button).'
        : 'T = 1 is one click away (the “T = 1” button: at T = 1 a chunk weighs its count, so the pick is a plain head sample).'}{' '}
      The batch rule is an approximation: a chunk gains weight only when it repeats within the batch, and when
      nothing repeats the rule falls back towards a plain pick, so at finite N it runs hotter than its nominal T
      (in the paper, nominal T = ⅓ with N ≈ 200 behaved like a token model at T ≈ ½). Only as N → ∞ does it
      reach T.
    </p>
  );
}
