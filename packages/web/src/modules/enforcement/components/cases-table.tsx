import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { CASE_TYPE_LABELS } from '@qingyuan/shared';
import type { CaseListItem } from '@qingyuan/shared';
import { LevelTag, StatusTag } from './case-tags.tsx';

interface CasesTableProps {
  items: readonly CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

export function CasesTable({ items, total, page, pageSize, loading, onPage }: CasesTableProps) {
  const columns: TableColumnsType<CaseListItem> = [
    { title: '案件编号', dataIndex: 'caseNumber', width: 180, render: (_: unknown, c) => <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link> },
    { title: '案件类型', dataIndex: 'type', width: 130, ellipsis: true, render: (_: unknown, c) => CASE_TYPE_LABELS[c.type] },
    { title: '等级', dataIndex: 'level', width: 110, render: (_: unknown, c) => <LevelTag level={c.level} supervision={c.supervision} /> },
    { title: '状态', dataIndex: 'status', width: 80, render: (_: unknown, c) => <StatusTag status={c.status} /> },
    { title: '立案日期', dataIndex: 'filedAt', width: 104 },
    { title: '破案日期', dataIndex: 'solvedAt', width: 104, render: (_: unknown, c) => c.solvedAt ?? '—' },
    { title: '发案地', dataIndex: ['orgUnit', 'name'], ellipsis: true },
    { title: '办案单位', dataIndex: ['handlingUnit', 'name'], ellipsis: true },
    { title: '嫌疑人', dataIndex: 'suspectCount', width: 68, align: 'right' },
    { title: '缴毒（克）', dataIndex: 'grams', width: 100, align: 'right' },
  ];
  return (
    <div data-testid="cases-table">
      <Table<CaseListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...items]}
        loading={loading}
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => `共 ${String(n)} 条`,
          onChange: onPage,
        }}
      />
    </div>
  );
}
