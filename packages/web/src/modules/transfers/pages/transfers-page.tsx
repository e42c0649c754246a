import { Button, Card, Space, Table, Tabs } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MAX_PAGE_SIZE, TRANSFER_LISTS, TRANSFER_LIST_LABELS } from '@qingyuan/shared';
import type { TransferDto } from '@qingyuan/shared';
import { QueryError } from '../../../app/query-error.tsx';
import { patchParams, readEnum, readInt } from '../../../app/url-params.ts';
import { useCan } from '../../auth/index.ts';
import { CancelTransferModal } from '../components/cancel-transfer-modal.tsx';
import { DecideTransferModal } from '../components/decide-transfer-modal.tsx';
import { TransferStatusTag } from '../components/transfer-status-tag.tsx';
import { useTransfers } from '../transfers-api.ts';

/** 移交管理: transfers waiting for us, those we sent, and those escalated after 7 days (the office's list). */
export function TransfersPage() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => ({
    list: readEnum(search, 'list', TRANSFER_LISTS) ?? 'incoming',
    page: readInt(search, 'page', 1),
    pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
  }), [search]);
  const set = useCallback((patch: Record<string, string | number | undefined>) => { setSearch(patchParams(search, patch)); }, [search, setSearch]);
  const transfers = useTransfers(params.list, params.page, params.pageSize);
  const canWrite = useCan('transfers.write');
  const [deciding, setDeciding] = useState<{ transfer: TransferDto; accept: boolean } | null>(null);
  const [cancelling, setCancelling] = useState<TransferDto | null>(null);
  if (transfers.isError && !transfers.data) return <QueryError error={transfers.error} onRetry={() => void transfers.refetch()} />;
  return (
    <Card title="移交管理">
      <Tabs activeKey={params.list} onChange={(list) => { set({ list, page: undefined }); }}
        items={TRANSFER_LISTS.map((l) => ({ key: l, label: TRANSFER_LIST_LABELS[l] }))} />
      <Table<TransferDto>
        rowKey="id"
        size="small"
        loading={transfers.isFetching}
        dataSource={transfers.data?.items ?? []}
        data-testid="transfers-table"
        locale={{ emptyText: '暂无移交' }}
        pagination={{
          current: params.page, pageSize: params.pageSize, total: transfers.data?.total ?? 0, showSizeChanger: true,
          onChange: (page, pageSize) => { set({ page, pageSize }); },
        }}
        columns={[
          { title: '姓名', key: 'person', width: 110, render: (_: unknown, t) => <Link to={`/persons/${t.personId}`}>{t.personName}</Link> },
          { title: '移出单位', key: 'from', render: (_: unknown, t) => t.fromOrgUnit.name },
          { title: '接收单位', key: 'to', render: (_: unknown, t) => t.toOrgUnit.name },
          { title: '移交日期', dataIndex: 'sentOn', width: 110 },
          { title: '待接收天数', key: 'days', width: 100, render: (_: unknown, t) => (t.status === 'pending' ? t.pendingDays : '') },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          { title: '状态', key: 'status', width: 160, render: (_: unknown, t) => <TransferStatusTag transfer={t} /> },
          {
            title: '操作', key: 'actions', width: 120,
            render: (_: unknown, t) => canWrite && (t.canDecide || t.canCancel) && (
              <Space>
                {t.canDecide && <Button size="small" type="link" onClick={() => { setDeciding({ transfer: t, accept: true }); }}>接收</Button>}
                {t.canDecide && <Button size="small" type="link" danger onClick={() => { setDeciding({ transfer: t, accept: false }); }}>退回</Button>}
                {t.canCancel && <Button size="small" type="link" danger onClick={() => { setCancelling(t); }}>撤回</Button>}
              </Space>
            ),
          },
        ]}
      />
      {deciding && <DecideTransferModal transfer={deciding.transfer} accept={deciding.accept} onClose={() => { setDeciding(null); }} />}
      {cancelling && <CancelTransferModal transfer={cancelling} onClose={() => { setCancelling(null); }} />}
    </Card>
  );
}
