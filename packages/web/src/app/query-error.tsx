import { Button, Result } from 'antd';
import { errorTitle, isApiError } from './api-client.ts';
import { ForbiddenPage } from './status-pages.tsx';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
}

/** What a page shows when its main query failed: the server's Chinese title, 403 as 无权访问. */
export function QueryError({ error, onRetry }: QueryErrorProps) {
  if (isApiError(error) && error.status === 403) return <ForbiddenPage />;
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={errorTitle(error)}
      extra={onRetry && <Button onClick={onRetry}>重试</Button>}
    />
  );
}
