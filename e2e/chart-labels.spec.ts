/**
 * No overlapping labels in any chart (issue 14 item 1): at a phone, a 720p and a 1080p projector and a 4K screen,
 * in presenter mode and not, every text of every drawn recharts chart (ticks, axis labels, legend, reference
 * labels) is checked against every other by bounding boxes.
 */
import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/** Panels with charts and how to get each drawn (`trace`: weights held back, so the precomputed trace's chart shows). */
const CHARTS: { panel: string; trace?: boolean; prepare: (p: Page) => Promise<void> }[] = [
  // The Temperature sweep's chart, from its precomputed trace: its point labels (1/2, 1/3, …) are placed by
  // placePointLabels (src/app/charts/point-labels.ts) so that they clear one another, the legend and the axes.
  { panel: 'temperature', trace: true, prepare: async (p) => void (await p.locator('.tp-figure .recharts-wrapper').first().waitFor({ timeout: 60_000 })) },
  { panel: 'noise', prepare: async (p) => void (await expect(p.getByTestId('noise-curve')).toHaveAttribute('data-complete', 'true')) },
  { panel: 'evaluate', prepare: async (p) => void (await p.locator('[data-testid="eval-frontier"] .recharts-wrapper, [data-frontier="missing"]').first().waitFor()) },
  { panel: 'models', prepare: async (p) => void (await p.locator('[data-model] .recharts-wrapper').first().waitFor()) },
];

/** Pairs of overlapping chart texts (more than 1 px each way), described for the failure message. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [ci, chart] of [...document.querySelectorAll('.recharts-wrapper')].entries()) {
      const texts = [...chart.querySelectorAll('text, .recharts-legend-item')]
        .filter((t) => (t.textContent ?? '').trim() !== '' && !t.closest('.recharts-tooltip-wrapper'))
        // A <text> inside a legend item is measured with its item.
        .filter((t) => !(t.tagName.toLowerCase() === 'text' && t.closest('.recharts-legend-item')))
        .map((t) => ({ t: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() }))
        .filter((x) => x.r.width > 0 && x.r.height > 0);
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r;
          const b = texts[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) out.push(`chart ${ci + 1}: "${texts[i].t}" overlaps "${texts[j].t}" (${Math.round(w)}×${Math.round(h)} px)`);
        }
      }
    }
    return out;
  });
}

for (const size of SIZES) {
  test(`no chart label overlaps another at ${size.width}×${size.height}`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchErrors(page);
    await page.setViewportSize(size);
    for (const presenter of [false, true]) {
      for (const c of CHARTS) {
        if (c.trace) await page.route('**/weights/**/weights.bin', () => undefined);
        await page.goto(`/?panel=${c.panel}${presenter ? '&presenter=1' : ''}`);
        if (!c.trace) await ready(page);
        await c.prepare(page);
        await page.waitForTimeout(200); // ResponsiveContainer settles its size
        expect(await overlaps(page), `${c.panel}${presenter ? ' (presenter)' : ''}`).toEqual([]);
        if (c.trace) await page.unroute('**/weights/**/weights.bin');
      }
    }
    expect(errors).toEqual([]);
  });
}
