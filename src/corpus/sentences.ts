/** Sentence boundaries good enough for prompts: a [.!?] (plus closing quotes) that does not end a title like "Mrs.". */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'col', 'capt', 'gen', 'rev', 'sir', 'messrs', 'esq']);

/** The first sentence of `text` (the whole first paragraph's start, up to `maxChars`, if no boundary is found). */
export function firstSentence(text: string, maxChars = 200): string {
  const re = /[.!?]["'\u201d\u2019)]*(?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index);
    const word = before.match(/([A-Za-z]+)$/)?.[1]?.toLowerCase();
    if (m[0][0] === '.' && word && ABBREVIATIONS.has(word)) continue;
    const end = m.index + m[0].length;
    if (end > maxChars) break;
    return text.slice(0, end);
  }
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return space > maxChars / 2 ? cut.slice(0, space) : cut;
}
