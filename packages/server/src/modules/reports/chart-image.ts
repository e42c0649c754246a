import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ReportChart } from './report-docx.ts';

/** A bar or line chart of one series per label, drawn by ECharts on the server and rasterised for Word. */
export interface ChartSpec {
  caption: string;
  kind: 'bar' | 'line';
  categories: string[];
  series: { name: string; values: number[] }[];
  /** Counts: whole-number axis ticks. */
  integer: boolean;
}

// Displayed size in the document (pixels at 96 dpi), drawn at twice that for print.
const WIDTH = 560;
const HEIGHT = 300;

/** ECharts' server-side SVG of the chart (no DOM, no animation). */
export function chartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 48, right: 16, top: spec.series.length > 1 ? 36 : 16, bottom: 40 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', minInterval: spec.integer ? 1 : 0 },
      series: spec.series.map((s) => ({ type: spec.kind, name: s.name, data: s.values, label: { show: spec.categories.length <= 12, position: 'top' } })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// Debian's fonts-noto-cjk. Loading this one file is much cheaper than scanning every system font for each chart.
const CJK_FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'];
const cjkFont = CJK_FONT_FILES.find((file) => existsSync(file));
const FONT = cjkFont
  ? { loadSystemFonts: false, fontFiles: [cjkFont], defaultFontFamily: 'Noto Sans CJK SC' }
  : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };

/** The chart as a PNG for a Word document, with the CJK font (fonts-noto-cjk on Debian), rasterised off the event loop. */
export async function chartImage(spec: ChartSpec): Promise<ReportChart> {
  const image = await renderAsync(chartSvg(spec), {
    font: FONT,
    fitTo: { mode: 'width', value: WIDTH * 2 },
  });
  return { caption: spec.caption, png: image.asPng(), width: WIDTH, height: HEIGHT };
}
