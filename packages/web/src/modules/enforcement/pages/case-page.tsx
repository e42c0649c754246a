import { Card, Space, Tabs, Timeline } from 'antd';
import { useParams } from 'react-router';
import { QueryError } from '../../../app/query-error.tsx';
import { ExportButton } from '../../imports/index.ts';
import { PageSpin } from '../../../app/status-pages.tsx';
import { AssetsTab } from '../components/assets-tab.tsx';
import { CaseHeader } from '../components/case-header.tsx';
import { SeizuresTab } from '../components/seizures-tab.tsx';
import { SuspectsTab } from '../components/suspects-tab.tsx';
import { useCase } from '../use-cases.ts';

/** The case page: its facts on top, then suspects, seizures, assets and the timeline of everything recorded. */
export function CasePage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  if (query.isPending) return <PageSpin />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <CaseHeader detail={c} />
      <Card>
        <Tabs
          tabBarExtraContent={<ExportButton path={`/api/cases/${c.id}/export`} />}
          items={[
            { key: 'suspects', label: `犯罪嫌疑人（${String(c.suspects.length)}）`, children: <SuspectsTab caseId={c.id} suspects={c.suspects} /> },
            { key: 'seizures', label: `缴获（${String(c.seizures.length + c.precursorSeizures.length)}）`, children: <SeizuresTab caseId={c.id} seizures={c.seizures} precursors={c.precursorSeizures} /> },
            { key: 'assets', label: `涉毒资产（${String(c.assets.length)}）`, children: <AssetsTab caseId={c.id} assets={c.assets} /> },
            {
              key: 'timeline',
              label: '办案时间线',
              children: <Timeline items={c.timeline.map((t, i) => ({ key: `${t.on}-${String(i)}`, children: <span><b>{t.on}</b>{" "}{t.text}</span> }))} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
