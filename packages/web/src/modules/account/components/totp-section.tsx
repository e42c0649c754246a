import { App, Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TotpEnrollment } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useCurrentMe } from '../../auth/index.ts';
import { useTotpConfirm } from '../use-totp-confirm.ts';
import { useTotpStart } from '../use-totp-start.ts';
import { RecoveryCodesView } from './recovery-codes-view.tsx';
import { TotpDisable } from './totp-disable.tsx';
import { TotpEnroll } from './totp-enroll.tsx';

/** 双因素认证: enrol (QR → first code → recovery codes) or disable with the password. */
export function TotpSection() {
  const me = useCurrentMe();
  const { message } = App.useApp();
  const start = useTotpStart();
  // Held here, not in the enrolment step: the refreshed profile (mfaEnabled) must not unmount the codes.
  const confirm = useTotpConfirm();
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodesView codes={codes} onDone={() => { setCodes(null); }} />;
  if (me.mfaEnabled) return <TotpDisable />;
  if (enrollment) {
    return (
      <TotpEnroll
        enrollment={enrollment}
        confirming={confirm.isPending}
        onCancel={() => { setEnrollment(null); }}
        onConfirm={(code) => {
          confirm.mutate(code, {
            onSuccess: (result) => {
              setEnrollment(null);
              setCodes(result.recoveryCodes);
            },
            onError: (error) => { showFormError(error, message); },
          });
        }}
      />
    );
  }
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>状态：</Typography.Text>
        <Tag>未启用</Tag>
      </Space>
      <Typography.Paragraph type="secondary">
        启用后，登录时除密码外还需输入手机身份验证器生成的6位动态验证码。
      </Typography.Paragraph>
      <Button
        type="primary"
        loading={start.isPending}
        onClick={() => {
          start.mutate(undefined, {
            onSuccess: setEnrollment,
            onError: (error) => { showFormError(error, message); },
          });
        }}
      >
        启用双因素认证
      </Button>
    </div>
  );
}
