import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { queryClient } from './query-client.ts';

dayjs.locale('zh-cn');

/**
 * Chinese locale everywhere. Buttons keep their exact text (no space inserted between two Chinese characters),
 * and motion is off: an intranet tool gains nothing from it, and leftover leave-animations (e.g. a button's
 * loading icon) otherwise linger in the DOM and in accessible names.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1f5fbf', motion: false } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
