import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Table, Tabs, Typography, Upload } from 'antd';
import { useState } from 'react';
import { IMPORT_KIND_LABELS } from '@qingyuan/shared';
import type { ImportKind, ImportResult, ImportRowError, ImportRowNote } from '@qingyuan/shared';
import { errorTitle } from '../../../app/api-client.ts';
import { useImportJob, useUploadImport } from '../use-import.ts';

interface Props {
  kind: ImportKind;
  open: boolean;
  onClose: () => void;
  /** Called after a real import wrote something (to refresh the list behind the dialog). */
  onImported: () => void;
}

/** 导入: download the template, upload, check (dry run), see each bad row by row/column/reason, then import. */
export function ImportDialog({ kind, open, onClose, onImported }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const upload = useUploadImport(kind);
  const job = useImportJob(jobId, upload.isPending);

  const run = (dryRun: boolean) => {
    if (!file) return;
    const id = crypto.randomUUID();
    setJobId(id);
    setResult(null);
    upload.mutate({ file, dryRun, jobId: id }, {
      onSuccess: (r) => {
        setResult(r);
        if (!r.dryRun && r.created > 0) onImported();
      },
    });
  };
  const reset = () => { setFile(null); setResult(null); setJobId(null); upload.reset(); };
  const progress = job.data && job.data.total > 0 ? Math.floor((job.data.processed / job.data.total) * 100) : 0;

  return (
    <Modal
      title={`导入${IMPORT_KIND_LABELS[kind]}`}
      open={open}
      width={860}
      onCancel={() => { reset(); onClose(); }}
      footer={[
        <Button key="close" onClick={() => { reset(); onClose(); }}>关闭</Button>,
        <Button key="check" disabled={!file || upload.isPending} onClick={() => { run(true); }}>校验（不写入）</Button>,
        <Button key="import" type="primary" disabled={!file || upload.isPending} loading={upload.isPending && !upload.variables.dryRun} onClick={() => { run(false); }}>导入</Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          第一步：下载模板并按“填写说明”填写；第二步：上传文件，先校验，确认无误后导入。有误的行不会写入；已登记的记录不会重复导入。
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href={`/api/imports/${kind}/template`} download>下载导入模板</Button>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => { setFile(f); setResult(null); return false; }}
          onRemove={() => { setFile(null); setResult(null); }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或拖入 Excel 文件（.xlsx，不超过10MB）</p>
        </Upload.Dragger>
        {upload.isPending && <Progress percent={progress} status="active" format={() => (job.data ? `${String(job.data.processed)} / ${String(job.data.total)} 行` : '正在读取文件…')} />}
        {upload.isError && <Alert type="error" showIcon message={errorTitle(upload.error)} />}
        {result && <ImportReport result={result} />}
      </Space>
    </Modal>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const summary = result.dryRun
    ? `校验完成：共 ${String(result.total)} 行，可导入 ${String(result.created)} 行，已登记 ${String(result.skipped)} 行，有误 ${String(result.failed)} 行（未写入任何数据）`
    : `导入完成：共 ${String(result.total)} 行，已导入 ${String(result.created)} 行，已登记未重复导入 ${String(result.skipped)} 行，有误未导入 ${String(result.failed)} 行`;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type={result.failed > 0 ? 'warning' : 'success'} showIcon message={summary} />
      <Tabs
        items={[
          {
            key: 'errors',
            label: `有误的行（${String(result.errors.length)}）`,
            children: (
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.sheet}-${String(e.row)}-${e.field}`}
                dataSource={result.errors}
                pagination={{ pageSize: 10 }}
                locale={{ emptyText: '没有错误' }}
                columns={[
                  { title: '工作表', dataIndex: 'sheet', width: 100 },
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'field', width: 140 },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            ),
          },
          {
            key: 'skipped',
            label: `已登记（${String(result.skippedRows.length)}）`,
            children: (
              <Table<ImportRowNote>
                size="small"
                rowKey={(e) => `${e.sheet}-${String(e.row)}`}
                dataSource={result.skippedRows}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: '工作表', dataIndex: 'sheet', width: 100 },
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '说明', dataIndex: 'message' },
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
