import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { PrecursorSeizureDto, SeizureDto } from '@qingyuan/shared';
import { useCan } from '../../auth/index.ts';
import { AddPrecursorSeizureModal, AddSeizureModal } from './add-seizure-modal.tsx';

/** 缴获: drugs by type (grams, packets) and precursor chemicals (kilograms). */
export function SeizuresTab({ caseId, seizures, precursors }: { caseId: string; seizures: readonly SeizureDto[]; precursors: readonly PrecursorSeizureDto[] }) {
  const canWrite = useCan('enforcement.write');
  const [adding, setAdding] = useState<'drug' | 'precursor' | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => { setAdding('drug'); }}>
            添加缴获毒品
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => { setAdding('precursor'); }}>
            添加制毒物品
          </Button>
        </Space>
      )}
      <Table<SeizureDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...seizures]}
        locale={{ emptyText: '暂无缴获毒品' }}
        data-testid="seizures-table"
        columns={[
          { title: '缴获日期', dataIndex: 'seizedAt', width: 110 },
          { title: '毒品种类', dataIndex: 'drugName', width: 180 },
          { title: '重量（克）', dataIndex: 'grams', width: 120, align: 'right' },
          { title: '零包数', dataIndex: 'packets', width: 80, align: 'right', render: (_: unknown, s) => s.packets ?? '—' },
          { title: '缴获地点', dataIndex: 'place', ellipsis: true, render: (_: unknown, s) => s.place ?? '—' },
        ]}
      />
      {precursors.length > 0 && (
        <>
          <Typography.Text strong>制毒物品</Typography.Text>
          <Table<PrecursorSeizureDto>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...precursors]}
            columns={[
              { title: '缴获日期', dataIndex: 'seizedAt', width: 110 },
              { title: '名称', dataIndex: 'chemical', width: 180 },
              { title: '重量（千克）', dataIndex: 'kilograms', width: 120, align: 'right' },
              { title: '缴获地点', dataIndex: 'place', ellipsis: true, render: (_: unknown, s) => s.place ?? '—' },
            ]}
          />
        </>
      )}
      {canWrite && <AddSeizureModal caseId={caseId} open={adding === 'drug'} onClose={() => { setAdding(null); }} />}
      {canWrite && <AddPrecursorSeizureModal caseId={caseId} open={adding === 'precursor'} onClose={() => { setAdding(null); }} />}
    </Space>
  );
}
