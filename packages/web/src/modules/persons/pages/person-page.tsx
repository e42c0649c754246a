import { Card, Space, Tabs } from 'antd';
import { useParams } from 'react-router';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { RiskTab } from '../../risk/index.ts';
import { TransfersTab } from '../../transfers/index.ts';
import { AlertsTab } from '../../alerts/index.ts';
import { TimelineTab } from '../../person-timeline/index.ts';
import { AssistanceTab, LeavesTab, MeasuresTab, TestsTab, VisitsTab, WorkTeamTab } from '../../supervision/index.ts';
import { PageSpin } from '../../../app/status-pages.tsx';
import { DetectionsTab } from '../components/detections-tab.tsx';
import { PersonBasicInfo } from '../components/person-basic-info.tsx';
import { PersonHeader } from '../components/person-header.tsx';
import { RelationshipsTab } from '../components/relationships-tab.tsx';
import { usePerson } from '../use-person.ts';

/** The person page: masked identity on top, then one tab per kind of record. */
export function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const canSupervise = useCan('supervision.read');
  const canReadAlerts = useCan('alerts.read');
  if (person.isPending) return <PageSpin />;
  if (person.isError) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  const p = person.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PersonHeader person={p} />
      <Card>
        <Tabs
          items={[
            { key: 'basic', label: '基本信息', children: <PersonBasicInfo person={p} /> },
            { key: 'detections', label: `查获记录（${String(p.detections.length)}）`, children: <DetectionsTab personId={p.id} detections={p.detections} /> },
            { key: 'relationships', label: `关系人（${String(p.relationships.length)}）`, children: <RelationshipsTab personId={p.id} relationships={p.relationships} /> },
            ...(canSupervise
              ? [
                { key: 'timeline', label: '时间轴', children: <TimelineTab personId={p.id} /> },
                { key: 'measures', label: '管控措施', children: <MeasuresTab personId={p.id} /> },
                { key: 'risk', label: '风险评估', children: <RiskTab personId={p.id} /> },
                { key: 'transfers', label: '移交记录', children: <TransfersTab personId={p.id} /> },
                ...(canReadAlerts ? [{ key: 'alerts', label: '预警', children: <AlertsTab personId={p.id} /> }] : []),
                { key: 'tests', label: '检测记录', children: <TestsTab personId={p.id} /> },
                { key: 'work-team', label: '工作小组', children: <WorkTeamTab personId={p.id} /> },
                { key: 'visits', label: '走访谈话', children: <VisitsTab personId={p.id} /> },
                { key: 'leaves', label: '请假外出', children: <LeavesTab personId={p.id} /> },
                { key: 'assistance', label: '帮扶救助', children: <AssistanceTab personId={p.id} /> },
              ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
