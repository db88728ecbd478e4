/**
 * Figures for slides (issue 14 item 3): a drawn recharts chart as a standalone SVG or a 2× PNG, legible on a
 * white slide whatever the page's theme, with its title, caption and reproducing link, and its data as CSV.
 * The DOM work is here (clone the <svg>, inline the computed styles, redraw the HTML legend as SVG); the
 * layout and the text are pure, in figure-svg.ts.
 */
import { composeFigureSvg, escapeXml, legibleOnWhite, svgSize } from './figure-svg.ts';

export { exportFileName, toCsv, type CsvCell, type CsvTable } from './figure-svg.ts';

const SHAPE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'opacity'] as const;
const TEXT_PROPS = ['font-size', 'font-family', 'font-weight', 'font-style', 'text-anchor'] as const;
/** Property values that are the SVG defaults anyway: left out to keep the file small. */
const DEFAULTS: Record<string, string> = {
  'fill-opacity': '1', 'stroke-opacity': '1', opacity: '1', 'stroke-dasharray': 'none', 'stroke-linecap': 'butt',
  'font-style': 'normal', 'text-anchor': 'start',
};
/** Lines that are scaffolding (axes, ticks, reference lines), not data: these are darkened when too light. */
const SCAFFOLD = '.recharts-cartesian-axis, .recharts-reference-line, .recharts-polar-angle-axis, .recharts-polar-radius-axis';
/** Hover-only marks that must not end up in a figure. */
const TRANSIENT = '.recharts-tooltip-cursor, .recharts-active-dot, .recharts-tooltip-wrapper';

/** The chart's own <svg> (not a legend icon) inside a container, or null while it is not drawn. */
export function findChartSvg(container: Element | null): SVGSVGElement | null {
  if (!container) return null;
  const direct = container.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
  if (direct) return direct;
  for (const svg of container.querySelectorAll<SVGSVGElement>('svg')) if (!svg.closest('.recharts-legend-wrapper')) return svg;
  return null;
}

/** Copy the styles that matter from `src` (live, styled by the page) to `dst` (its clone), as attributes of style. */
function inlineStyle(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const isText = src instanceof SVGTextElement || src instanceof SVGTSpanElement;
  const scaffold = src.closest(SCAFFOLD) !== null;
  const decl: string[] = [];
  for (const prop of SHAPE_PROPS) {
    let v = cs.getPropertyValue(prop).trim();
    if (!v || DEFAULTS[prop] === v) continue;
    if (prop === 'fill' && isText) v = legibleOnWhite(v, 'text');
    if (prop === 'stroke' && scaffold && !isText) v = legibleOnWhite(v, 'line');
    decl.push(`${prop}: ${v}`);
  }
  if (isText) {
    for (const prop of TEXT_PROPS) {
      const v = cs.getPropertyValue(prop).trim();
      if (v && DEFAULTS[prop] !== v) decl.push(`${prop}: ${v}`);
    }
  }
  if (cs.display === 'none' || cs.visibility === 'hidden') decl.push('display: none');
  dst.setAttribute('style', decl.join('; '));
}

/** Clone a live <svg> with its computed styles inlined (`class` kept, for anyone post-processing the file). */
function cloneWithStyles(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => inlineStyle(el, dst[i]));
  for (const el of clone.querySelectorAll(TRANSIENT)) el.remove();
  return clone;
}

/**
 * Recharts draws its legend in HTML over the chart: redraw each item (its icon, cloned, and its text) as SVG
 * at the same place, so that the figure keeps the legend.
 */
function legendMarkup(svg: SVGSVGElement, origin: DOMRect): string {
  const wrapper = svg.closest('.recharts-wrapper') ?? svg.parentElement;
  const out: string[] = [];
  for (const item of wrapper?.querySelectorAll('.recharts-legend-wrapper .recharts-legend-item') ?? []) {
    const icon = item.querySelector<SVGSVGElement>('svg');
    if (icon) {
      const r = icon.getBoundingClientRect();
      const c = cloneWithStyles(icon);
      c.setAttribute('x', String(r.left - origin.left));
      c.setAttribute('y', String(r.top - origin.top));
      c.setAttribute('width', String(r.width));
      c.setAttribute('height', String(r.height));
      out.push(new XMLSerializer().serializeToString(c));
    }
    const label = item.querySelector<HTMLElement>('.recharts-legend-item-text') ?? (item as HTMLElement);
    const text = label.textContent?.trim();
    if (!text) continue;
    const r = label.getBoundingClientRect();
    const cs = getComputedStyle(label);
    const fill = legibleOnWhite(cs.color, 'legend');
    out.push(
      `<text x="${(r.left - origin.left).toFixed(1)}" y="${(r.top - origin.top + r.height / 2).toFixed(1)}" dominant-baseline="central" ` +
        `style="${escapeXml(`fill: ${fill}; font-size: ${cs.fontSize}; font-family: ${cs.fontFamily}; font-weight: ${cs.fontWeight}`)}">${escapeXml(text)}</text>`,
    );
  }
  return out.join('');
}

export interface FigureOptions {
  title: string;
  caption: string;
  /** The link that reproduces the chart (the app keeps every setting in it). */
  link: string;
  /** The chart's drawn size by default. */
  width?: number;
  height?: number;
}

/**
 * The drawn chart as a standalone SVG document, legible on a white slide: computed styles inlined (so CSS
 * variables and the page's theme are resolved), white background, dark text and axes, the legend kept, the
 * title above, the caption and link below.
 */
export function standaloneSvg(svg: SVGSVGElement, o: FigureOptions): { svg: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.round(o.width ?? box.width ?? svg.width.baseVal.value);
  const height = Math.round(o.height ?? box.height ?? svg.height.baseVal.value);
  const clone = cloneWithStyles(svg);
  // The root's layout styles (width: 100%…) would stretch it inside the figure: fixed size, visible overflow.
  clone.setAttribute('style', 'overflow: visible');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${box.width || width} ${box.height || height}`);
  clone.removeAttribute('x');
  clone.removeAttribute('y');
  const legend = legendMarkup(svg, box);
  let chart = new XMLSerializer().serializeToString(clone);
  if (legend) chart = chart.replace(/<\/svg>$/, `<g class="chart-export-legend">${legend}</g></svg>`);
  const family = getComputedStyle(svg).fontFamily;
  return composeFigureSvg({ chart, chartWidth: width, chartHeight: height, title: o.title, caption: o.caption, link: o.link, fontFamily: family });
}

/** An SVG document rendered to PNG at `scale` × its size (2: sharp on a projector), on white. */
export async function svgToPngBlob(svg: string, scale = 2): Promise<Blob> {
  const size = svgSize(svg);
  if (!size) throw new Error('The figure has no size to draw at.');
  const img = new Image();
  // A data: URL (the page's CSP allows data: images, not blob: ones).
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw to a canvas.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'));
}

/** Save a blob under a file name (an <a download> click; the object URL is freed once the save has begun). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
