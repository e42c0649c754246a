import { Table, Tag, Typography } from 'antd';
import type { SituationIndex, UnitIndex } from '@qingyuan/shared';

function changeText(u: UnitIndex): string {
  if (u.changePoints === null) return '无同期数';
  if (u.changePoints === 0) return '持平';
  const direction = u.changePoints > 0 ? '上升' : '下降';
  return `${direction}${Math.abs(u.changePoints).toFixed(1)}分${u.changePercent === null ? '' : `（${Math.abs(u.changePercent).toFixed(1)}%）`}`;
}

/** 毒情测评: the index of each area with its change against last year and what changed it most. */
export function IndexTable({ index }: { index: SituationIndex }) {
  const rows = [...index.units].sort((a, b) => (b.index ?? -1) - (a.index ?? -1));
  return (
    <>
      <Typography.Paragraph>
        {index.area.name}毒情测评指数 <Typography.Text strong data-testid="area-index">{index.area.index?.toFixed(1) ?? '—'}</Typography.Text>，较去年同期{changeText(index.area)}
        {index.area.contributions[0] && `，主要因为${index.area.contributions[0].label}（${index.area.contributions[0].points > 0 ? '+' : ''}${index.area.contributions[0].points.toFixed(1)}分）`}。
        <Typography.Text type="secondary">（指数0—100，越高毒情越重；配置第{String(index.configVersion)}版）</Typography.Text>
      </Typography.Paragraph>
      <Table<UnitIndex>
        size="small"
        rowKey="orgUnitId"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '指数', render: (_, u) => u.index?.toFixed(1) ?? '—' },
          { title: '去年同期', render: (_, u) => u.lastYearIndex?.toFixed(1) ?? '—' },
          { title: '变化', render: (_, u) => <Tag color={u.changePoints === null || u.changePoints === 0 ? 'default' : u.changePoints > 0 ? 'red' : 'green'}>{changeText(u)}</Tag> },
          { title: '主要变化来源', render: (_, u) => u.contributions.filter((c) => c.points !== 0).slice(0, 2).map((c) => `${c.label}${c.points > 0 ? '+' : ''}${c.points.toFixed(1)}`).join('；') || '—' },
        ]}
      />
    </>
  );
}
