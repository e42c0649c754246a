import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { AreaMap as AreaMapDto } from '@qingyuan/shared';
import { echarts } from '../../../app/charts/echarts.ts';

/**
 * The area children of a unit coloured by a value (the index or any indicator). Clicking an area calls `onPick`
 * with its unit id (the dashboard then opens that unit).
 */
export function AreaMap({ map, values, label, onPick }: { map: AreaMapDto; values: Map<string, number | null>; label: string; onPick: (orgUnitId: string) => void }) {
  const name = `area-${map.orgUnit.id}`;
  // ECharts keys maps by name (registering again replaces it); features are named by unit id so that equal names in
  // different places never clash.
  const geoJson = { type: 'FeatureCollection', features: map.features.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.orgUnitId } })) };
  echarts.registerMap(name, geoJson as unknown as Parameters<typeof echarts.registerMap>[1]);
  const names = new Map(map.features.map((f) => [f.properties.orgUnitId, f.properties.name]));
  const data = map.features.map((f) => ({ name: f.properties.orgUnitId, value: values.get(f.properties.orgUnitId) ?? null }));
  const numbers = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  if (map.features.length === 0) return <div style={{ padding: 24, color: '#888' }}>尚未上传下级单位的地图边界。</div>;
  return (
    <ReactEChartsCore
      echarts={echarts}
      notMerge
      style={{ height: 360 }}
      onEvents={{ click: (event: { name?: string }) => { if (event.name) onPick(event.name); } }}
      option={{
        animation: false,
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: unknown }) => `${names.get(p.name) ?? ''}<br/>${label}：${typeof p.value === 'number' && !Number.isNaN(p.value) ? String(p.value) : '无数据'}` },
        // The colour range spans the values shown, so that close values still differ on the map.
        visualMap: { min: numbers.length > 0 ? Math.floor(Math.min(...numbers)) : 0, max: numbers.length > 0 ? Math.max(Math.ceil(Math.max(...numbers)), Math.floor(Math.min(...numbers)) + 1) : 1, left: 8, bottom: 8, text: ['高', '低'], calculable: true, inRange: { color: ['#e6f4ff', '#ffd591', '#cf1322'] } },
        series: [{
          type: 'map',
          map: name,
          roam: false,
          label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? '' },
          emphasis: { label: { show: true } },
          data,
        }],
      }}
    />
  );
}
