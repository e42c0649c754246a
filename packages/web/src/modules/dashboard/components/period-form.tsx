import { Form, Select } from 'antd';
import { OrgTreeSelect } from '../../orgs/index.ts';
import type { PeriodParams } from '../use-period-params.ts';
import { yearOptions } from '../../../app/period-options.ts';

const YEAR_OPTIONS = yearOptions();
const KIND_OPTIONS = [
  { value: 'year', label: '年度' },
  { value: 'half', label: '半年' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月度' },
];
const INDEX_OPTIONS: Record<string, { value: number; label: string }[]> = {
  half: [{ value: 1, label: '上半年' }, { value: 2, label: '下半年' }],
  quarter: [1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1] ?? ''}季度` })),
  month: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${String(i + 1)}月` })),
};
const notFigureArea = (unit: { kind: string }): boolean => !['district', 'township', 'street', 'village', 'community'].includes(unit.kind);

/** Period (year, half, quarter, month) and unit of a dashboard. */
export function PeriodForm({ params, onChange }: { params: PeriodParams; onChange: (next: PeriodParams) => void }) {
  const options = INDEX_OPTIONS[params.period];
  return (
    <Form layout="inline" style={{ rowGap: 12 }}>
      <Form.Item label="年度">
        <Select aria-label="年度" value={params.year} options={YEAR_OPTIONS} style={{ width: 100 }} onChange={(year: number) => { onChange({ ...params, year }); }} />
      </Form.Item>
      <Form.Item label="期间">
        <Select
          aria-label="期间类型"
          value={params.period}
          options={KIND_OPTIONS}
          style={{ width: 90 }}
          onChange={(period: PeriodParams['period']) => { onChange({ ...params, period, index: period === 'year' ? undefined : 1 }); }}
        />
      </Form.Item>
      {options && (
        <Form.Item>
          <Select aria-label="期间" value={params.index ?? 1} options={options} style={{ width: 110 }} onChange={(index: number) => { onChange({ ...params, index }); }} />
        </Form.Item>
      )}
      <Form.Item label="单位">
        <OrgTreeSelect aria-label="统计单位" isDisabled={notFigureArea} allowClear placeholder="本辖区" style={{ width: 200 }} value={params.orgUnitId} onChange={(orgUnitId: string | undefined) => { onChange({ ...params, orgUnitId }); }} />
      </Form.Item>
    </Form>
  );
}
