import { Card, Space } from 'antd';
import { useState } from 'react';
import type { AuditVerification } from '@qingyuan/shared';
import { QueryError } from '../../../app/query-error.tsx';
import { AuditFiltersForm } from '../components/audit-filters.tsx';
import { AuditTable } from '../components/audit-table.tsx';
import { VerificationResult, VerifyAuditButton } from '../components/verify-audit-button.tsx';
import { useAuditEvents } from '../use-audit-events.ts';
import { useAuditListParams } from '../use-audit-list-params.ts';

/** 审计日志: the auditor's search over the hash-chained log, and its integrity check. */
export function AuditPage() {
  const { params, setFilters, setPage } = useAuditListParams();
  const events = useAuditEvents(params);
  const [verification, setVerification] = useState<AuditVerification | null>(null);

  if (events.isError && !events.data) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;

  return (
    <Card title="审计日志" extra={<VerifyAuditButton onResult={setVerification} />}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {verification && <VerificationResult result={verification} onClose={() => { setVerification(null); }} />}
        <AuditFiltersForm value={params} onChange={setFilters} />
        <AuditTable
          items={events.data?.items ?? []}
          total={events.data?.total ?? 0}
          page={params.page}
          pageSize={params.pageSize}
          loading={events.isFetching}
          onPage={setPage}
        />
      </Space>
    </Card>
  );
}
