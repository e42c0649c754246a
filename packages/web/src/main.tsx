// antd 5 renders click waves and static popups with the pre-19 ReactDOM.render; this swaps in createRoot.
import '@ant-design/v5-patch-for-react-19';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import { Providers } from './app/providers.tsx';
import { router } from './app/router.tsx';

// Form validation shares the server's zod schemas; their generic messages must be Chinese too.
z.config(zhCN());

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
