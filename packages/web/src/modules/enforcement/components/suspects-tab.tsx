import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SUSPECT_ROLE_LABELS, WANTED_LEVEL_LABELS } from '@qingyuan/shared';
import type { SuspectDto } from '@qingyuan/shared';
import { useCan } from '../../auth/index.ts';
import { AddSuspectModal } from './add-suspect-modal.tsx';
import { RevealSuspectModal } from './reveal-suspect-modal.tsx';
import { SuspectMeasuresModal } from './suspect-measures-modal.tsx';

/** 犯罪嫌疑人: masked identities, role, measures; add, update measures, reveal (audited). */
export function SuspectsTab({ caseId, suspects }: { caseId: string; suspects: readonly SuspectDto[] }) {
  const canWrite = useCan('enforcement.write');
  const canReveal = useCan('enforcement.reveal');
  const canSeePersons = useCan('persons.read');
  const [adding, setAdding] = useState(false);
  const [measuring, setMeasuring] = useState<SuspectDto | null>(null);
  const [revealing, setRevealing] = useState<SuspectDto | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>
          添加嫌疑人
        </Button>
      )}
      <Table<SuspectDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...suspects]}
        locale={{ emptyText: '暂无犯罪嫌疑人' }}
        data-testid="suspects-table"
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 140,
            render: (_: unknown, s) => (
              <Space size={4}>
                {s.name}
                {s.personId && (canSeePersons ? <Link to={`/persons/${s.personId}`}><Tag color="volcano">在册吸毒人员</Tag></Link> : <Tag color="volcano">在册吸毒人员</Tag>)}
              </Space>
            ),
          },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (_: unknown, s) => s.idNumberMasked ?? '未登记' },
          { title: '涉案角色', dataIndex: 'role', width: 80, render: (_: unknown, s) => SUSPECT_ROLE_LABELS[s.role] },
          { title: '抓获', dataIndex: 'caughtAt', width: 100, render: (_: unknown, s) => s.caughtAt ?? (s.wantedLevel ? <Tag color="red">在逃</Tag> : '—') },
          { title: '刑拘', dataIndex: 'criminalDetentionAt', width: 100, render: (_: unknown, s) => s.criminalDetentionAt ?? '—' },
          { title: '逮捕', dataIndex: 'arrestedAt', width: 100, render: (_: unknown, s) => s.arrestedAt ?? '—' },
          { title: '起诉', dataIndex: 'prosecutedAt', width: 100, render: (_: unknown, s) => s.prosecutedAt ?? '—' },
          { title: '逃犯', dataIndex: 'wantedLevel', width: 90, render: (_: unknown, s) => (s.wantedLevel ? WANTED_LEVEL_LABELS[s.wantedLevel] : '—') },
          ...(canWrite || canReveal
            ? [{
                title: '操作',
                key: 'actions',
                width: 190,
                render: (_: unknown, s: SuspectDto) => (
                  <Space size={0}>
                    {canWrite && <Button type="link" size="small" onClick={() => { setMeasuring(s); }}>更新措施</Button>}
                    {canReveal && s.idNumberMasked && <Button type="link" size="small" onClick={() => { setRevealing(s); }}>查看身份证号</Button>}
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      {canWrite && <AddSuspectModal caseId={caseId} open={adding} onClose={() => { setAdding(false); }} />}
      <SuspectMeasuresModal key={measuring?.id ?? 'none'} caseId={caseId} suspect={measuring} onClose={() => { setMeasuring(null); }} />
      <RevealSuspectModal key={revealing?.id ?? 'none-reveal'} caseId={caseId} suspect={revealing} onClose={() => { setRevealing(null); }} />
    </Space>
  );
}
