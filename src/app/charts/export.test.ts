import { describe, expect, it } from 'vitest';
import {
  breakLink, composeFigureSvg, contrastOnWhite, escapeXml, exportFileName, INK, legibleOnWhite, parseColour, svgSize, toCsv, wrapText,
} from './figure-svg.ts';
import { toCsv as reexported } from './export.ts';

/**
 * A small XML well-formedness check (Vitest runs in node: no DOMParser). Tags must nest and close, attributes
 * must be quoted, and `&` / `<` may only appear escaped. Returns the element names in document order.
 */
function parseXml(xml: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  const text = (t: string) => {
    expect(t, 'raw < in text').not.toMatch(/</);
    expect(t.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, ''), 'bare & in text').not.toMatch(/&/);
  };
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/gy;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, lt));
    re.lastIndex = lt;
    const m = re.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [, close, name, attrs, self] = m;
    for (const a of attrs.matchAll(/="([^"]*)"/g)) text(a[1]);
    if (close) expect(stack.pop(), `</${name}> closes the wrong element`).toBe(name);
    else {
      names.push(name);
      if (!self) stack.push(name);
    }
    i = re.lastIndex;
  }
  expect(stack, 'unclosed elements').toEqual([]);
  return names;
}

describe('toCsv', () => {
  it('quotes commas, quotes, newlines and padded cells; writes numbers in full precision; CRLF lines', () => {
    const csv = toCsv(['name', 'value, raw', 'note'], [
      ['CALM', 0.1 + 0.2, 'say "hi"'],
      ['two\nlines', 1e-7, ' padded'],
      ['none', null, undefined],
      ['bad', NaN, true],
      ['big', 123456789012345680000, 'x'],
    ]);
    expect(csv).toBe(
      'name,"value, raw",note\r\n' +
      'CALM,0.30000000000000004,"say ""hi"""\r\n' +
      '"two\nlines",1e-7," padded"\r\n' +
      'none,,\r\n' +
      'bad,,true\r\n' +
      'big,123456789012345680000,x\r\n',
    );
    expect(reexported).toBe(toCsv);
  });
  it('round-trips numbers exactly', () => {
    const xs = [Math.PI, 1 / 3, 2.5e-12, -0.000123456789];
    const line = toCsv(['x'], xs.map((x) => [x])).trim().split('\r\n').slice(1);
    expect(line.map(Number)).toEqual(xs);
  });
});

describe('text helpers', () => {
  it('escapes XML', () => {
    expect(escapeXml(`a<b & "c">\u0001`)).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });
  it('wraps words to a width and cuts over-long words', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 12);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy dog']);
    expect(wrapText('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
    expect(wrapText('', 20)).toEqual([]);
    expect(breakLink('http://x/?a=1234567890', 10).join('')).toBe('http://x/?a=1234567890');
  });
  it('file names', () => {
    expect(exportFileName('noise-curve', 'png')).toBe('calm-noise-curve.png');
    expect(exportFileName('Compute frontier!', 'csv')).toBe('calm-compute-frontier.csv');
    expect(exportFileName('calm-x', 'svg')).toBe('calm-x.svg');
  });
});

describe('colours on a white slide', () => {
  it('parses computed colours', () => {
    expect(parseColour('rgb(236, 236, 236)')).toEqual({ r: 236, g: 236, b: 236, a: 1 });
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColour('#0072b2')).toEqual({ r: 0, g: 114, b: 178, a: 1 });
    expect(parseColour('none')).toBeNull();
    expect(contrastOnWhite({ r: 0, g: 0, b: 0 })).toBeCloseTo(21, 5);
  });
  it("darkens a dark theme's light text and light axes; keeps dark text, mid greys and what it cannot parse", () => {
    expect(legibleOnWhite('rgb(236, 236, 236)', 'text')).toBe(INK); // dark mode --fg
    expect(legibleOnWhite('rgb(27, 27, 27)', 'text')).toBe('rgb(27, 27, 27)');
    expect(legibleOnWhite('rgb(0, 114, 178)', 'text')).toBe('rgb(0, 114, 178)'); // Okabe–Ito blue: 5:1
    expect(legibleOnWhite('rgb(128, 128, 128)', 'text')).toBe(INK); // recharts' label grey: 3.9:1, pale on a projector
    expect(legibleOnWhite('rgb(213, 94, 0)', 'legend')).toBe('rgb(213, 94, 0)'); // vermillion legend text keeps its colour
    expect(legibleOnWhite('rgb(86, 180, 233)', 'legend')).toBe(INK); // a dark theme's light sky blue does not
    expect(legibleOnWhite('rgb(236, 236, 236)', 'line')).not.toBe('rgb(236, 236, 236)');
    expect(legibleOnWhite('rgb(204, 204, 204)', 'line')).toBe('rgb(204, 204, 204)'); // a grid grey stays faint
    expect(legibleOnWhite('none', 'line')).toBe('none');
    expect(legibleOnWhite('url("#g")', 'text')).toBe('url("#g")');
  });
});

describe('composeFigureSvg', () => {
  const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300"><g><path d="M0 0L10 10" style="stroke: rgb(0, 114, 178)"/><text style="fill: #1b1b1b">σ &amp; 50 %</text></g></svg>';
  const link = 'http://127.0.0.1:4173/?panel=noise&sigma=0.5&text=It%20is%20a%20truth%20universally%20acknowledged%2C%20that%20a%20single%20man';
  const caption = 'Each point decodes every chunk of this text from z = μ + σ·ε and counts the tokens that come back right. <Robust> & "plain".';
  const fig = composeFigureSvg({ chart, chartWidth: 600, chartHeight: 300, title: 'Token accuracy as the noise grows', caption, link });

  it('is well-formed XML with the chart nested in it', () => {
    const names = parseXml(fig.svg);
    expect(names[0]).toBe('svg');
    expect(names.filter((n) => n === 'svg')).toHaveLength(2);
    expect(fig.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
  });
  it('has a white background first, then the title, the chart, the caption and the link', () => {
    expect(fig.svg).toMatch(/<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"\/>/);
    expect(fig.svg.indexOf('fill="#ffffff"')).toBeLessThan(fig.svg.indexOf('<svg x='));
    const flat = fig.svg.replace(/<[^>]+>/g, '');
    expect(flat).toContain('Token accuracy as the noise grows');
    expect(flat).toContain('tokens that come back right.');
    expect(flat).toContain('&lt;Robust&gt; &amp; &quot;plain&quot;');
    const linkText = [...fig.svg.matchAll(/<a href="[^"]*">(.*?)<\/a>/g)][0][1].replace(/<[^>]+>/g, '');
    expect(linkText.replace(/&amp;/g, '&')).toBe(link);
    expect(fig.svg).toContain(`<a href="${escapeXml(link)}">`);
    expect(fig.svg.indexOf('<svg x=')).toBeLessThan(fig.svg.lastIndexOf('tokens that come back')); // (the first is in <desc>)
  });
  it('wraps the caption to the width and sizes the document to hold it all', () => {
    expect(svgSize(fig.svg)).toEqual({ width: fig.width, height: fig.height });
    expect(fig.width).toBe(640);
    const captionLines = [...fig.svg.matchAll(/<text font-family="[^"]*" font-size="14" fill="#1b1b1b">(.*?)<\/text>/g)][0][1].match(/<tspan/g)!;
    expect(captionLines.length).toBeGreaterThan(1);
    const ys = [...fig.svg.matchAll(/<tspan x="\d+" y="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...ys)).toBeLessThan(fig.height);
    expect(fig.height).toBeGreaterThan(300 + 3 * 14);
    // Every line fits: at most width / (0.56 em) characters of 14 px text.
    for (const m of fig.svg.matchAll(/font-size="14" fill="#1b1b1b">(.*?)<\/text>/g)) {
      for (const t of m[1].split('</tspan>')) expect(t.replace(/<[^>]+>/g, '').replace(/&\w+;/g, '&').length).toBeLessThanOrEqual(600 / (14 * 0.56));
    }
  });
  it('a narrow chart still gets a readable width', () => {
    const small = composeFigureSvg({ chart, chartWidth: 300, chartHeight: 200, title: 't', caption: 'c', link: 'http://x/' });
    expect(small.width).toBeGreaterThanOrEqual(480);
    parseXml(small.svg);
  });
});
