import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { ImportKind } from '@qingyuan/shared';
import { ImportDialog } from './import-dialog.tsx';

/** 导入 button with its dialog. */
export function ImportButton({ kind, onImported }: { kind: ImportKind; onImported: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => { setOpen(true); }}>导入</Button>
      <ImportDialog kind={kind} open={open} onClose={() => { setOpen(false); }} onImported={onImported} />
    </>
  );
}
