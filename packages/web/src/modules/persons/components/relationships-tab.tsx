import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { RELATIONSHIP_INVERSE_LABELS, RELATIONSHIP_KIND_LABELS } from '@qingyuan/shared';
import type { PersonRelationship } from '@qingyuan/shared';
import { useCan } from '../../auth/index.ts';
import { AddRelationshipModal } from './add-relationship-modal.tsx';

/** 关系人: family, co-users and suppliers among registered persons (only those in the reader's scope are shown). */
export function RelationshipsTab({ personId, relationships }: { personId: string; relationships: readonly PersonRelationship[] }) {
  const canWrite = useCan('persons.write');
  const [adding, setAdding] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>
          新增关系人
        </Button>
      )}
      <Table<PersonRelationship>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...relationships]}
        locale={{ emptyText: '暂无关系人' }}
        columns={[
          {
            title: '关系',
            key: 'kind',
            width: 160,
            render: (_: unknown, r) => (r.direction === 'outgoing' ? RELATIONSHIP_KIND_LABELS[r.kind] : RELATIONSHIP_INVERSE_LABELS[r.kind]),
          },
          { title: '姓名', key: 'name', width: 120, render: (_: unknown, r) => <Link to={`/persons/${r.other.id}`}>{r.other.name}</Link> },
          { title: '身份证号', key: 'idNumber', width: 190, render: (_: unknown, r) => <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{r.other.idNumberMasked}</span> },
          { title: '备注', dataIndex: 'notes', ellipsis: true, render: (_: unknown, r) => r.notes ?? '' },
        ]}
      />
      {canWrite && <AddRelationshipModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}
