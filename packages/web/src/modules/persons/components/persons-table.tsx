import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { SEX_LABELS } from '@qingyuan/shared';
import type { PersonListItem } from '@qingyuan/shared';
import { PersonStatusTag } from './person-status-tag.tsx';

interface PersonsTableProps {
  items: readonly PersonListItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

const MONO = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

/** Masked identities only: full values are revealed one at a time on the person page, with a reason. */
export function PersonsTable({ items, total, page, pageSize, loading, onPage }: PersonsTableProps) {
  const columns: TableColumnsType<PersonListItem> = [
    { title: '姓名', dataIndex: 'name', width: 110, render: (_: unknown, p) => <Link to={`/persons/${p.id}`}>{p.name}</Link> },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 190, render: (_: unknown, p) => <span style={MONO}>{p.idNumberMasked}</span> },
    { title: '性别', dataIndex: 'sex', width: 60, render: (_: unknown, p) => SEX_LABELS[p.sex] },
    { title: '年龄', dataIndex: 'age', width: 60 },
    { title: '联系电话', key: 'phones', width: 150, render: (_: unknown, p) => <span style={MONO}>{p.phonesMasked.join('、') || '—'}</span> },
    { title: '责任单位', dataIndex: 'orgUnitName', ellipsis: true },
    { title: '状态', dataIndex: 'status', width: 90, render: (_: unknown, p) => <PersonStatusTag status={p.status} /> },
  ];
  return (
    <div data-testid="persons-table">
      <Table<PersonListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...items]}
        loading={loading}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => `共 ${String(n)} 人`,
          onChange: onPage,
        }}
      />
    </div>
  );
}
