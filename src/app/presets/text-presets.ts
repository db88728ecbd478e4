/**
 * Preset texts for the Compress and Noise panels. Held-out presets are copied verbatim from
 * public/heldout/<set>.json (documents never trained on: text-presets.test.ts checks this); the
 * modern ones are not in either corpus (checked too). The training corpora are plain ASCII, so
 * emoji, accents and other scripts are outside the training data.
 */

export type PresetSource = 'austen-heldout' | 'stories-heldout' | 'modern';

export interface TextPreset {
  id: string;
  label: string;
  text: string;
  source: PresetSource;
}

/** A held-out Austen sentence that the robust autoencoder reconstructs at 100 % (Sense & Sensibility, ch. 8). */
export const AUSTEN_HELDOUT = "She had only two daughters, both of whom she had lived to see respectably married, and she had now therefore nothing to do but to marry all the rest of the world.";

/** The opening of the same held-out chapter, about 480 tokens: for timing a σ move on a long text. */
export const AUSTEN_HELDOUT_LONG = "Mrs. Jennings was a widow with an ample jointure. She had only two daughters, both of whom she had lived to see respectably married, and she had now therefore nothing to do but to marry all the rest of the world. In the promotion of this object she was zealously active, as far as her ability reached; and missed no opportunity of projecting weddings among all the young people of her acquaintance. She was remarkably quick in the discovery of attachments, and had enjoyed the advantage of raising the blushes and the vanity of many a young lady by insinuations of her power over such a young man; and this kind of discernment enabled her soon after her arrival at Barton decisively to pronounce that Colonel Brandon was very much in love with Marianne Dashwood. She rather suspected it to be so, on the very first evening of their being together, from his listening so attentively while she sang to them; and when the visit was returned by the Middletons' dining at the cottage, the fact was ascertained by his listening to her again. It must be so. She was perfectly convinced of it. It would be an excellent match, for HE was rich, and SHE was handsome. Mrs. Jennings had been anxious to see Colonel Brandon well married, ever since her connection with Sir John first brought him to her knowledge; and she was always anxious to get a good husband for every pretty girl.\n\nThe immediate advantage to herself was by no means inconsiderable, for it supplied her with endless jokes against them both. At the park she laughed at the colonel, and in the cottage at Marianne. To the former her raillery was probably, as far as it regarded only himself, perfectly indifferent; but to the latter it was at first incomprehensible; and when its object was understood, she hardly knew whether most to laugh at its absurdity, or censure its impertinence, for she considered it as an unfeeling reflection on the colonel's advanced years, and on his forlorn condition as an old bachelor.";

export const TEXT_PRESETS: readonly TextPreset[] = [
  { id: 'austen', label: 'Austen, held out (Sense & Sensibility, ch. 8)', text: AUSTEN_HELDOUT, source: 'austen-heldout' },
  {
    id: 'story',
    label: 'Children\'s story, held out (story 7)',
    text: "Once upon a time, in a little town, there lived a brave boy named Luke. He had a kind heart.",
    source: 'stories-heldout',
  },
  { id: 'austen-long', label: 'Austen, held out, ~480 tokens', text: AUSTEN_HELDOUT_LONG, source: 'austen-heldout' },
  { id: 'qr', label: 'Modern: Wi-Fi and QR codes', text: 'Please scan the QR code to join the Wi-Fi network before the meeting starts.', source: 'modern' },
  { id: 'podcast', label: 'Modern: podcasts and electric cars', text: 'My phone battery died while I was streaming a podcast about electric cars.', source: 'modern' },
  { id: 'emoji', label: 'Modern, with an emoji (outside the training data)', text: 'The GPU crashed during the video call 🙃', source: 'modern' },
  { id: 'scripts', label: 'Accents, Japanese and Hebrew (outside the training data)', text: 'Café au lait, s\'il vous plaît. 東京は日本の首都です。 שלום עולם', source: 'modern' },
];
