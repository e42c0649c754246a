import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space } from 'antd';
import { useNavigate } from 'react-router';
import { ExportButton, ImportButton } from '../../imports/index.ts';
import { enforcementKeys } from '../enforcement-keys.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { CaseFilters } from '../components/case-filters.tsx';
import { CasesTable } from '../components/cases-table.tsx';
import { useCaseListParams } from '../use-case-list-params.ts';
import { useCases } from '../use-cases.ts';

/** 案件登记: the case register of the caller's area, its filters and page in the URL. */
export function CasesPage() {
  const canWrite = useCan('enforcement.write');
  const navigate = useNavigate();
  const { params, setFilters, setPage } = useCaseListParams();
  const cases = useCases(params);
  const queryClient = useQueryClient();
  if (cases.isError && !cases.data) return <QueryError error={cases.error} onRetry={() => void cases.refetch()} />;
  return (
    <Card
      title="缉毒执法案件"
      extra={(
        <Space>
          <ExportButton path="/api/cases/export" filters={{ ...params }} />
          {canWrite && <ImportButton kind="cases" onImported={() => void queryClient.invalidateQueries({ queryKey: enforcementKeys.cases() })} />}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
              登记案件
            </Button>
          )}
        </Space>
      )}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <CaseFilters value={params} onChange={setFilters} />
        <CasesTable
          items={cases.data?.items ?? []}
          total={cases.data?.total ?? 0}
          page={params.page}
          pageSize={params.pageSize}
          loading={cases.isFetching}
          onPage={setPage}
        />
      </Space>
    </Card>
  );
}
