import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { ATTACHMENT_MAX_BYTES } from '@qingyuan/shared';
import { errorTitle, isApiError } from '../../../app/api-client.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useMeasureAgreements, useUploadAgreement } from '../measure-agreements-api.ts';
import { attachmentUrl, fileToBase64 } from '../supervision-work-api.ts';

/** The attachment store's types (recognised by content on the server): PDF, JPEG, PNG, DOCX. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx';

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 协议书 of a measure: its files (each download audited by the server) and, for writers, an upload button. */
export function MeasureAgreements({ measureId, canWrite }: { measureId: string; canWrite: boolean }) {
  const files = useMeasureAgreements(measureId);
  const upload = useUploadAgreement(measureId);
  const { message } = App.useApp();
  if (files.isError) return <QueryError error={files.error} onRetry={() => void files.refetch()} />;
  const attach = async (file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error('协议书文件不能超过10MB');
      return;
    }
    upload.mutate({ fileName: file.name, contentBase64: await fileToBase64(file) }, {
      onSuccess: () => void message.success('已上传协议书'),
      // The server names why (type by content, size): its field message alone, not repeated after the title.
      onError: (error) => {
        const reason = isApiError(error) ? error.problem.errors?.[0]?.message : undefined;
        void message.error(reason ? `上传失败：${reason}` : errorTitle(error));
      },
    });
  };
  const items = files.data?.items ?? [];
  return (
    <Space direction="vertical" size={2} data-testid={`agreements-${measureId}`}>
      {files.isPending && <Typography.Text type="secondary">加载中…</Typography.Text>}
      {!files.isPending && items.length === 0 && <Typography.Text type="secondary">暂无协议书文件</Typography.Text>}
      {items.map((f) => (
        <a key={f.id} href={attachmentUrl(f.id)} target="_blank" rel="noreferrer" download={f.fileName}>
          <PaperClipOutlined /> {f.fileName}（{sizeLabel(f.sizeBytes)}，{dayjs(f.createdAt).format('YYYY-MM-DD')}）
        </a>
      ))}
      {canWrite && (
        <Upload accept={ACCEPT} showUploadList={false} beforeUpload={(file) => { void attach(file); return false; }}>
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>上传协议书</Button>
        </Upload>
      )}
      {canWrite && <Typography.Text type="secondary">支持 PDF、JPEG、PNG、DOCX，不超过10MB</Typography.Text>}
    </Space>
  );
}
