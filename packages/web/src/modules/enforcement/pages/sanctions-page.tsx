import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { SANCTION_KINDS, SANCTION_KIND_LABELS } from '@qingyuan/shared';
import type { SanctionDto, SanctionKind } from '@qingyuan/shared';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { ExportButton } from '../../imports/index.ts';
import { AreaUnitSelect } from '../components/area-unit-select.tsx';
import { RecordSanctionModal } from '../components/record-sanction-modal.tsx';
import { useSanctions, type SanctionListParams } from '../use-sanctions.ts';

const thisYear = new Date().getFullYear();

/** 查处吸毒: administrative handling of drug use (masked identities; the list is an audited read). */
export function SanctionsPage() {
  const canWrite = useCan('enforcement.write');
  const [params, setParams] = useState<SanctionListParams>({ year: thisYear, page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const list = useSanctions(params);
  if (list.isError && !list.data) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      title="查处吸毒"
      extra={<Space><ExportButton path="/api/enforcement/sanctions/export" filters={{ ...params }} />{canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>登记查处</Button>}</Space>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="年度">
            <Select
              value={params.year}
              style={{ width: 100 }}
              options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${String(thisYear - d)}年` }))}
              onChange={(year: number) => { setParams({ ...params, year, page: 1 }); }}
            />
          </Form.Item>
          <Form.Item label="处理类型">
            <Select
              allowClear
              placeholder="全部"
              value={params.kind}
              style={{ width: 140 }}
              options={SANCTION_KINDS.map((k) => ({ value: k, label: SANCTION_KIND_LABELS[k] }))}
              onChange={(kind: SanctionKind | undefined) => { setParams({ ...params, kind, page: 1 }); }}
            />
          </Form.Item>
          <Form.Item label="查处地">
            <AreaUnitSelect areasOnly allowClear placeholder="全部" style={{ width: 180 }} value={params.orgUnitId} onChange={(orgUnitId: string | undefined) => { setParams({ ...params, orgUnitId, page: 1 }); }} />
          </Form.Item>
        </Form>
        <Table<SanctionDto>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ current: params.page, pageSize: params.pageSize, total: list.data?.total ?? 0, showTotal: (n) => `共 ${String(n)} 条`, onChange: (page, pageSize) => { setParams({ ...params, page, pageSize }); } }}
          columns={[
            { title: '决定日期', dataIndex: 'decidedAt', width: 104 },
            { title: '姓名', dataIndex: 'name', width: 150, render: (_: unknown, s) => <Space size={4}>{s.name}{s.personId && <Tag color="volcano">在册</Tag>}</Space> },
            { title: '身份证号', dataIndex: 'idNumberMasked', width: 170 },
            { title: '处理类型', dataIndex: 'kind', width: 120, render: (_: unknown, s) => SANCTION_KIND_LABELS[s.kind] },
            { title: '拘留/罚款', key: 'detail', width: 110, render: (_: unknown, s) => (s.detentionDays ? `${String(s.detentionDays)} 天` : s.fineAmount ? `${s.fineAmount} 元` : '—') },
            { title: '查处地', dataIndex: ['orgUnit', 'name'], ellipsis: true },
            { title: '办案单位', dataIndex: ['handlingUnit', 'name'], ellipsis: true },
          ]}
        />
      </Space>
      {canWrite && <RecordSanctionModal open={adding} onClose={() => { setAdding(false); }} />}
    </Card>
  );
}
