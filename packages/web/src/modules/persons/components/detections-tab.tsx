import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { DETECTION_OUTCOME_LABELS } from '@qingyuan/shared';
import type { Detection } from '@qingyuan/shared';
import { useCan } from '../../auth/index.ts';
import { AddDetectionModal } from './add-detection-modal.tsx';

/** 查获记录: the person's detections, newest first. */
export function DetectionsTab({ personId, detections }: { personId: string; detections: readonly Detection[] }) {
  const canWrite = useCan('persons.write');
  const [adding, setAdding] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>
          新增查获记录
        </Button>
      )}
      <Table<Detection>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...detections]}
        locale={{ emptyText: '暂无查获记录' }}
        data-testid="detections-table"
        columns={[
          { title: '查获日期', dataIndex: 'detectedOn', width: 110 },
          { title: '查获单位', dataIndex: 'agency', width: 180, ellipsis: true },
          { title: '毒品种类', key: 'substances', render: (_: unknown, d) => d.substances.map((s) => <Tag key={s.code}>{s.name}</Tag>) },
          { title: '处理结果', dataIndex: 'outcome', width: 120, render: (_: unknown, d) => DETECTION_OUTCOME_LABELS[d.outcome] },
          { title: '备注', dataIndex: 'notes', ellipsis: true, render: (_: unknown, d) => d.notes ?? '' },
        ]}
      />
      {canWrite && <AddDetectionModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}
