import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { withQuery, type QueryValue } from '../../../app/api-client.ts';

/** 导出: downloads the list as Excel with the current filters (masked identities; the export is audited). */
export function ExportButton({ path, filters }: { path: string; filters?: Record<string, QueryValue> }) {
  const { page: _page, pageSize: _size, ...rest } = filters ?? {};
  return <Button icon={<DownloadOutlined />} href={withQuery(path, rest)} download>导出</Button>;
}
