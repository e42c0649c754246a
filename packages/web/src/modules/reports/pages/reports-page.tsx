import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Space, Spin } from 'antd';
import { useState } from 'react';
import { REPORT_KINDS, REPORT_KIND_LABELS, type ReportKind } from '@qingyuan/shared';
import { withQuery } from '../../../app/api-client.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { ReportJobs } from '../components/report-jobs.tsx';
import { ReportView } from '../components/report-view.tsx';
import { TemplateEditor } from '../components/template-editor.tsx';
import { useReportParams } from '../use-report-params.ts';
import { useReportPreview } from '../use-reports.ts';
import { PERIOD_PICKER_OPTIONS, periodPickerParse, periodPickerValue, yearOptions } from '../../../app/period-options.ts';

const YEAR_OPTIONS = yearOptions();
// A report is written for an area with figures: the district, a township or a street.
const notReportArea = (unit: { kind: string }): boolean => !['district', 'township', 'street'].includes(unit.kind);
const KIND_OPTIONS = REPORT_KINDS.map((value) => ({ value, label: REPORT_KIND_LABELS[value] }));

/** 工作简报: the bulletin or work summary for a period and unit, previewed as it reads in Word, and downloaded. */
export function ReportsPage() {
  const { params, setParams } = useReportParams();
  const preview = useReportPreview(params);
  const canConfigure = useCan('reports.configure');
  const [editing, setEditing] = useState(false);
  const { kind, ...query } = params;
  return (
    <Card
      title="工作简报"
      extra={
        <Space>
          {canConfigure && <Button icon={<EditOutlined />} onClick={() => { setEditing(true); }}>编辑模板</Button>}
          <Button type="primary" icon={<DownloadOutlined />} href={withQuery(`/api/reports/${kind}/docx`, { ...query })} download>
            下载Word
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="类型">
            <Select aria-label="报告类型" value={kind} options={KIND_OPTIONS} style={{ width: 150 }} onChange={(k: ReportKind) => { setParams({ ...params, kind: k }); }} />
          </Form.Item>
          <Form.Item label="年度">
            <Select aria-label="年度" value={params.year} options={YEAR_OPTIONS} style={{ width: 100 }} onChange={(year: number) => { setParams({ ...params, year }); }} />
          </Form.Item>
          <Form.Item label="期间">
            <Select aria-label="期间" value={periodPickerValue(params)} options={PERIOD_PICKER_OPTIONS} virtual={false} listHeight={320} style={{ width: 120 }} onChange={(v: string) => { setParams({ ...params, ...periodPickerParse(v) }); }} />
          </Form.Item>
          <Form.Item label="单位">
            <OrgTreeSelect aria-label="报告单位" isDisabled={notReportArea} allowClear placeholder="本辖区" style={{ width: 200 }} value={params.orgUnitId} onChange={(orgUnitId: string | undefined) => { setParams({ ...params, orgUnitId }); }} />
          </Form.Item>
        </Form>
        <ReportJobs params={params} />
        {preview.isError && !preview.data ? (
          <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
        ) : (
          <Spin spinning={preview.isFetching}>{preview.data ? <ReportView report={preview.data} /> : <div style={{ minHeight: 200 }} />}</Spin>
        )}
      </Space>
      <TemplateEditor kind={kind} open={editing} onClose={() => { setEditing(false); }} />
    </Card>
  );
}
