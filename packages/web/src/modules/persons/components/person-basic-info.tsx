import { Descriptions, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { PersonContact, PersonDetail } from '@qingyuan/shared';

const MONO = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

function place(masked: string | null, unit: { name: string } | null) {
  if (masked === null && unit === null) return '未登记';
  return [unit?.name, masked].filter(Boolean).join(' · ');
}

/** 基本信息: masked contact details and addresses; full values only through 查看完整信息. */
export function PersonBasicInfo({ person }: { person: PersonDetail }) {
  return (
    <>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="联系电话">
          <span style={MONO}>{person.phonesMasked.join('、') || '未登记'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="就业情况">{person.employment ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="户籍地">{place(person.registeredAddressMasked, person.registeredOrgUnit)}</Descriptions.Item>
        <Descriptions.Item label="现居住地">{place(person.residenceMasked, person.residenceOrgUnit)}</Descriptions.Item>
        <Descriptions.Item label="登记时间">{dayjs(person.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        <Descriptions.Item label="最后修改">{dayjs(person.updatedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        <Descriptions.Item label="备注" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{person.notes ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        家庭联系人
      </Typography.Title>
      <Table<PersonContact>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={person.contacts}
        locale={{ emptyText: '未登记家庭联系人' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 160 },
          { title: '关系', dataIndex: 'relation', width: 120 },
          { title: '电话', dataIndex: 'phoneMasked', render: (_: unknown, c) => <span style={MONO}>{c.phoneMasked ?? '—'}</span> },
        ]}
      />
    </>
  );
}
