/**
 * The pure half of chart export (no DOM): CSV text, XML escaping, caption wrapping, colours made legible
 * on white, and the standalone figure SVG (white background, title, the chart, its caption and the link that
 * reproduces it). src/app/charts/export.ts feeds these from the drawn recharts <svg>.
 */

/** One CSV cell: numbers are written in full precision (shortest round-trip form), null as empty. */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvTable {
  columns: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: a header row, then one line per row, CRLF line ends, quoted where a cell needs it. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Text and attribute values for XML (also drops the control characters XML 1.0 forbids). */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Greedy word wrap to at most `maxChars` per line; a word longer than a line is cut. */
export function wrapText(text: string, maxChars: number): string[] {
  const max = Math.max(8, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > max) {
      if (line) lines.push(line);
      line = '';
      lines.push(w.slice(0, max));
      w = w.slice(max);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= max) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A link cut into lines of `maxChars` (links have no spaces to wrap at). */
export function breakLink(link: string, maxChars: number): string[] {
  const max = Math.max(8, Math.floor(maxChars));
  const out: string[] = [];
  for (let i = 0; i < link.length; i += max) out.push(link.slice(i, i + max));
  return out.length ? out : [''];
}

/** Parse a computed colour ("rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)", "#abc", "#aabbcc"); null otherwise. */
export function parseColour(c: string): { r: number; g: number; b: number; a: number } | null {
  const s = c.trim().toLowerCase();
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { r: +m[1], g: +m[2], b: +m[3], a };
  }
  const h = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (!h) return null;
  const hex = h[1].length === 3 ? [...h[1]].map((d) => d + d).join('') : h[1];
  return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16), a: 1 };
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  const lin = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio against white (1 to 21). */
export const contrastOnWhite = (c: { r: number; g: number; b: number }): number => 1.05 / (luminance(c) + 0.05);

export const INK = '#1b1b1b';
export const AXIS_INK = '#444444';

/**
 * A colour as it should be on a white slide (projectors wash out pale greys): text under 4.5:1 against white
 * (a dark theme's light text, recharts' mid-grey labels) becomes near-black; legend text, which carries its
 * series' colour, only under 3:1; an axis or reference line that would all but vanish on white (luminance
 * above 0.7) becomes dark grey. Series strokes are not passed here, so the chart keeps its palette; anything
 * unparsable (none, url(#…)) is kept.
 */
export function legibleOnWhite(colour: string, kind: 'text' | 'legend' | 'line'): string {
  const c = parseColour(colour);
  if (!c || c.a === 0) return colour;
  if (kind === 'line') return luminance(c) > 0.7 ? AXIS_INK : colour;
  return contrastOnWhite(c) < (kind === 'text' ? 4.5 : 3) ? INK : colour;
}

export interface FigureParts {
  /** The chart as standalone SVG markup (an <svg> element with its styles inlined). */
  chart: string;
  chartWidth: number;
  chartHeight: number;
  title: string;
  caption: string;
  link: string;
  fontFamily?: string;
}

export const FIGURE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const PAD = 20;
const MIN_WIDTH = 480;
/** Generous average glyph widths (em) so that wrapped lines fit the figure in any common sans-serif. */
const SANS_EM = 0.56;
const MONO_EM = 0.62;

interface Block {
  lines: string[];
  size: number;
  weight?: number;
  fill: string;
  mono?: boolean;
}

/**
 * The whole figure as one SVG document: a white background, the title above the chart, the caption wrapped
 * to the figure's width below it and the link that reproduces it (a real link in viewers that follow one).
 * Returns the markup and its size in CSS pixels.
 */
export function composeFigureSvg(p: FigureParts): { svg: string; width: number; height: number } {
  const width = Math.ceil(Math.max(p.chartWidth + 2 * PAD, MIN_WIDTH));
  const inner = width - 2 * PAD;
  const font = p.fontFamily || FIGURE_FONT;
  const mono = 'ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace';
  const chars = (size: number, em: number) => inner / (size * em);
  const title: Block = { lines: wrapText(p.title, chars(18, SANS_EM)), size: 18, weight: 700, fill: INK };
  const caption: Block = { lines: wrapText(p.caption, chars(14, SANS_EM)), size: 14, fill: INK };
  const link: Block = { lines: breakLink(p.link, chars(12, MONO_EM)), size: 12, fill: '#0b5cad', mono: true };
  const lineHeight = (b: Block) => Math.round(b.size * 1.35);
  const out: string[] = [];
  let y = PAD;
  const text = (b: Block) => {
    const family = b.mono ? mono : font;
    const tspans = b.lines.map((l) => {
      y += lineHeight(b);
      return `<tspan x="${PAD}" y="${y - Math.round(b.size * 0.3)}">${escapeXml(l)}</tspan>`;
    });
    return `<text font-family="${escapeXml(family)}" font-size="${b.size}"${b.weight ? ` font-weight="${b.weight}"` : ''} fill="${b.fill}">${tspans.join('')}</text>`;
  };
  if (title.lines.length) out.push(text(title));
  y += 8;
  const chartX = PAD + Math.max(0, Math.floor((inner - p.chartWidth) / 2));
  const nested = p.chart.replace(/^<svg\b/, `<svg x="${chartX}" y="${y}"`);
  out.push(nested);
  y += p.chartHeight + 10;
  if (caption.lines.length) out.push(text(caption));
  y += 6;
  out.push(`<a href="${escapeXml(p.link)}">${text(link)}</a>`);
  const height = Math.ceil(y + PAD);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(font)}">` +
    `<title>${escapeXml(p.title)}</title>` +
    `<desc>${escapeXml(`${p.caption} Reproduce it: ${p.link}`)}</desc>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    out.join('') +
    '</svg>';
  return { svg, width, height };
}

/** The width and height attributes of an SVG document's root (CSS pixels). */
export function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!root) return null;
  const num = (name: string) => {
    const m = new RegExp(`\\s${name}="([\\d.]+)(?:px)?"`).exec(root);
    return m ? parseFloat(m[1]) : NaN;
  };
  const width = num('width');
  const height = num('height');
  return Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0 ? { width, height } : null;
}

/** "calm-noise-curve.png": a file name from a stem (lower case, dashes) and an extension. */
export function exportFileName(stem: string, ext: 'png' | 'svg' | 'csv'): string {
  const s = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `${s.startsWith('calm-') ? s : `calm-${s}`}.${ext}`;
}
