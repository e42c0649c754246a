import ReactEChartsCore from 'echarts-for-react/esm/core';
import { echarts } from './echarts.ts';

/** Bars of one or more series over categories (townships, units), e.g. this period against last year. */
export function BarChart({ categories, series, height = 280 }: { categories: string[]; series: { name: string; values: (number | null)[] }[]; height?: number }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      notMerge
      style={{ height }}
      option={{
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: series.length > 1 ? { top: 0 } : undefined,
        grid: { left: 48, right: 16, top: series.length > 1 ? 32 : 24, bottom: 40 },
        xAxis: { type: 'category', data: categories, axisLabel: { interval: 0 } },
        yAxis: { type: 'value' },
        series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, label: { show: categories.length <= 12, position: 'top' } })),
      }}
    />
  );
}
