import { DeleteOutlined, DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { REPORT_JOB_STATUS_LABELS, REPORT_KIND_LABELS, type ReportJobDto, type ReportJobStatus } from '@qingyuan/shared';
import { errorTitle } from '../../../app/api-client.ts';
import { QueryError } from '../../../app/query-error.tsx';
import type { ReportParams } from '../use-report-params.ts';
import { useCreateReportJob, useDeleteReportJob, useReportJobs } from '../use-reports.ts';

const STATUS_COLORS: Record<ReportJobStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
const PAGE_SIZE = 10;

/** The period of the page's selection as the API names it: 2026, 2026-Q3 or 2026-07. */
export function reportPeriod(params: Pick<ReportParams, 'year' | 'quarter' | 'month'>): string {
  if (params.month) return `${String(params.year)}-${String(params.month).padStart(2, '0')}`;
  return params.quarter ? `${String(params.year)}-Q${String(params.quarter)}` : String(params.year);
}

/** 期间 in words: 2026 → 2026年, 2026-Q3 → 2026年第3季度. */
function periodLabel(period: string): string {
  const [year = '', part] = period.split('-');
  if (!part) return `${year}年`;
  return part.startsWith('Q') ? `${year}年第${part.slice(1)}季度` : `${year}年${String(Number(part))}月`;
}

const dateTime = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** 生成任务: reports generated in the background for the current selection; finished files are kept for download. */
export function ReportJobs({ params }: { params: ReportParams }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const jobs = useReportJobs(page, PAGE_SIZE);
  const create = useCreateReportJob();
  const remove = useDeleteReportJob();

  const generate = () => {
    create.mutate(
      { kind: params.kind, period: reportPeriod(params), ...(params.orgUnitId ? { orgUnitId: params.orgUnitId } : {}) },
      {
        onSuccess: () => { setPage(1); void message.success('已创建生成任务，完成后可在列表中下载'); },
        onError: (error) => { void message.error(errorTitle(error)); },
      },
    );
  };

  const columns = [
    { title: '报告', key: 'kind', render: (_: unknown, j: ReportJobDto) => `${j.orgUnitName}${periodLabel(j.period)}${REPORT_KIND_LABELS[j.kind]}` },
    {
      title: '状态', key: 'status', width: 260,
      render: (_: unknown, j: ReportJobDto) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Tag color={STATUS_COLORS[j.status]}>{REPORT_JOB_STATUS_LABELS[j.status]}</Tag>
          {(j.status === 'running' || j.status === 'queued') && <Progress percent={j.progress} size="small" status="active" aria-label="生成进度" />}
          {(j.status === 'running' || j.status === 'queued') && <Typography.Text type="secondary">{j.step}</Typography.Text>}
          {j.status === 'failed' && <Typography.Text type="danger">{j.error}</Typography.Text>}
        </Space>
      ),
    },
    { title: '生成人', dataIndex: 'createdBy', key: 'createdBy', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 180, render: dateTime },
    {
      title: '操作', key: 'actions', width: 170,
      render: (_: unknown, j: ReportJobDto) => (
        <Space>
          {j.status === 'done' && <Button size="small" icon={<DownloadOutlined />} href={`/api/reports/jobs/${j.id}/file`} download>下载</Button>}
          <Popconfirm
            title="确定删除该生成任务？"
            okText="删除"
            cancelText="取消"
            onConfirm={() => { remove.mutate(j.id, { onSuccess: () => { void message.success('已删除'); }, onError: (error) => { void message.error(errorTitle(error)); } }); }}
          >
            <Button size="small" danger icon={<DeleteOutlined />}>删除</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="生成任务"
      extra={<Button type="primary" icon={<PlayCircleOutlined />} loading={create.isPending} onClick={generate}>生成</Button>}
    >
      {jobs.isError && !jobs.data ? (
        <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<ReportJobDto>
          rowKey="id"
          size="small"
          loading={jobs.isLoading}
          columns={columns}
          dataSource={jobs.data?.items ?? []}
          locale={{ emptyText: '暂无生成任务' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: jobs.data?.total ?? 0, onChange: setPage, showTotal: (total) => `共 ${String(total)} 个任务` }}
        />
      )}
    </Card>
  );
}
