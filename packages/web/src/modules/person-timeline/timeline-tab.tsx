import { Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { PERSON_TIMELINE_KIND_LABELS, type PersonTimelineEvent } from '@qingyuan/shared';
import { QueryError } from '../../app/query-error.tsx';
import { usePersonTimeline } from './use-person-timeline.ts';

const COLORS: Record<PersonTimelineEvent['tone'], string> = { normal: 'blue', warning: 'orange', danger: 'red', success: 'green' };

/** 时间轴: every event of the person from every module, newest first. */
export function TimelineTab({ personId }: { personId: string }) {
  const timeline = usePersonTimeline(personId);
  if (timeline.isPending) return <Spin />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const items = [...timeline.data.items].reverse();
  if (items.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      data-testid="person-timeline"
      items={items.map((e) => ({
        key: `${e.kind}-${e.recordId}-${e.date}-${e.title}`,
        color: COLORS[e.tone],
        children: (
          <>
            <Typography.Text type="secondary">{e.date}</Typography.Text>{' '}
            <Tag>{PERSON_TIMELINE_KIND_LABELS[e.kind]}</Tag>
            <Typography.Text strong>{e.title}</Typography.Text>
            {e.detail && <div><Typography.Text type="secondary">{e.detail}</Typography.Text></div>}
          </>
        ),
      }))}
    />
  );
}
