/**
 * "Save figure": a visible row of three buttons under a recharts chart (issue 14 item 3). PNG (test id
 * `chart-export`) and SVG save the figure for a white slide, with its title, caption and the link that
 * reproduces it; CSV saves the data behind it. Disabled until the chart is drawn. One line to adopt:
 *
 *   <ChartExport chart={chartRef} name="noise-curve" title="…" caption={text} data={() => ({ columns, rows })} />
 *
 * where `chartRef` is on the element that holds the <ResponsiveContainer>.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { currentLink } from '../state/store.ts';
import { download, exportFileName, findChartSvg, standaloneSvg, svgToPngBlob, toCsv, type CsvTable } from './export.ts';
import './charts.css';

export interface ChartExportProps {
  /** The element that holds the drawn chart. */
  chart: RefObject<HTMLElement | null>;
  /** File-name stem: "noise-curve" saves calm-noise-curve.png, .svg and .csv. */
  name: string;
  title: string;
  /** The caption in full (also when the page shows captions collapsed or hidden). */
  caption: string;
  /** The numbers behind the chart; a function is called only when CSV is clicked. */
  data: CsvTable | (() => CsvTable);
  /**
   * The test ids (`chart-export`, `chart-export-svg`, `chart-export-csv`); false on a precomputed trace's chart,
   * where, by the app's contract, no test ids appear (the buttons still work there).
   */
  testIds?: boolean;
}

type Kind = 'png' | 'svg' | 'csv';
const WHAT: Record<Kind, string> = {
  png: 'Save this figure as a PNG image (2×, white background, with caption and link)',
  svg: 'Save this figure as an SVG vector image (white background, with caption and link)',
  csv: 'Save the data behind this chart as CSV',
};

/** True once the container holds a drawn chart <svg> (ResponsiveContainer draws after measuring). */
function useDrawn(chart: RefObject<HTMLElement | null>): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const el = chart.current;
    if (!el) return;
    const check = () => setDrawn(findChartSvg(el) !== null);
    check();
    const mo = new MutationObserver(check);
    mo.observe(el, { childList: true, subtree: true });
    return () => mo.disconnect();
  }, [chart]);
  return drawn;
}

export function ChartExport({ chart, name, title, caption, data, testIds = true }: ChartExportProps) {
  const drawn = useDrawn(chart);
  const [busy, setBusy] = useState<Kind | null>(null);
  const saving = useRef(false);
  const [status, setStatus] = useState('');

  const save = async (kind: Kind) => {
    // One save at a time (the buttons stay enabled meanwhile: a focused button would lose the keyboard focus).
    if (saving.current) return;
    saving.current = true;
    const file = exportFileName(name, kind);
    setBusy(kind);
    try {
      if (kind === 'csv') {
        const t = typeof data === 'function' ? data() : data;
        download(new Blob([toCsv(t.columns, t.rows)], { type: 'text/csv;charset=utf-8' }), file);
      } else {
        const svg = findChartSvg(chart.current);
        if (!svg) throw new Error('the chart is not drawn yet');
        const fig = standaloneSvg(svg, { title, caption, link: currentLink() });
        const blob = kind === 'svg' ? new Blob([fig.svg], { type: 'image/svg+xml;charset=utf-8' }) : await svgToPngBlob(fig.svg, 2);
        download(blob, file);
      }
      setStatus(`Saved ${file}`);
    } catch (e) {
      setStatus(`Could not save ${file}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      saving.current = false;
      setBusy(null);
    }
  };

  const button = (kind: Kind, testId: string) => (
    <button type="button" data-testid={testIds ? testId : undefined} disabled={!drawn} aria-busy={busy === kind} aria-label={WHAT[kind]} title={WHAT[kind]}
      onClick={() => void save(kind)}>
      {kind.toUpperCase()}
    </button>
  );
  return (
    <div className="chart-export" role="group" aria-label={`Save the figure “${title}”`} data-drawn={drawn ? 'true' : 'false'}>
      <span className="chart-export-label" aria-hidden="true">Save figure:</span>
      {button('png', 'chart-export')}
      {button('svg', 'chart-export-svg')}
      {button('csv', 'chart-export-csv')}
      <span className="chart-export-status" role="status">{status}</span>
    </div>
  );
}
