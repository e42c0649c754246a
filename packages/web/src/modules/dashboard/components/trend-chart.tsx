import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { Dashboard } from '@qingyuan/shared';
import { echarts } from '../../../app/charts/echarts.ts';

/** Monthly values of the last twelve months, one line per indicator. */
export function TrendChart({ trend }: { trend: Dashboard['trend'] }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      notMerge
      style={{ height: 260 }}
      option={{
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: trend.months.map((m) => `${String(Number(m.slice(5, 7)))}月`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: trend.series.map((s) => ({ type: 'line', name: s.label, data: s.values, smooth: false, symbolSize: 6 })),
      }}
    />
  );
}
