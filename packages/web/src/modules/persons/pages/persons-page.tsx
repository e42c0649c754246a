import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space } from 'antd';
import { useNavigate } from 'react-router';
import { PERSON_STATUSES } from '@qingyuan/shared';
import { ExportButton, ImportButton } from '../../imports/index.ts';
import { SavedFiltersControl } from '../../saved-filters/index.ts';
import { personKeys } from '../person-keys.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { PersonFilters } from '../components/person-filters.tsx';
import { PersonsTable } from '../components/persons-table.tsx';
import { usePersonListParams } from '../use-person-list-params.ts';
import { usePersons } from '../use-persons.ts';

/** 人员管理: the register of persons in the caller's scope, masked, with its filters in the URL. */
export function PersonsPage() {
  const canWrite = useCan('persons.write');
  const navigate = useNavigate();
  const { params, setFilters, setPage } = usePersonListParams();
  const persons = usePersons(params);
  const queryClient = useQueryClient();

  if (persons.isError && !persons.data) return <QueryError error={persons.error} onRetry={() => void persons.refetch()} />;

  return (
    <Card
      title="人员管理"
      extra={
        <Space>
          <ExportButton path="/api/persons/export" filters={{ ...params }} />
          {canWrite && <ImportButton kind="persons" onImported={() => void queryClient.invalidateQueries({ queryKey: personKeys.all })} />}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/persons/new')}>
              登记人员
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <PersonFilters value={params} onChange={setFilters} />
        <SavedFiltersControl
          page="persons"
          // A searched ID number is never saved (it stays out of the URL too); a name part is.
          current={{ q: params.q && /\d{6}/.test(params.q) ? undefined : params.q, orgUnitId: params.orgUnitId, status: params.status }}
          onApply={(query) => { setFilters({ q: query.q, orgUnitId: query.orgUnitId, status: PERSON_STATUSES.find((s) => s === query.status) }); }}
        />
        <PersonsTable
          items={persons.data?.items ?? []}
          total={persons.data?.total ?? 0}
          page={params.page}
          pageSize={params.pageSize}
          loading={persons.isFetching}
          onPage={setPage}
        />
      </Space>
    </Card>
  );
}
