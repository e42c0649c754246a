import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { TotpConfirmRequest } from '@qingyuan/shared';
import type { TotpEnrollment } from '@qingyuan/shared';
import { zodRule } from '../../../app/form-rules.ts';

interface TotpEnrollProps {
  enrollment: TotpEnrollment;
  confirming: boolean;
  onConfirm: (code: string) => void;
  onCancel: () => void;
}

function useQrDataUrl(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    toDataURL(text, { width: 200, margin: 1, errorCorrectionLevel: 'M' })
      .then((dataUrl) => {
        if (!cancelled) setUrl(dataUrl);
      })
      .catch(() => {
        if (!cancelled) setUrl(null);
      });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return url;
}

/** Second step of enrolment: scan the QR code (or type the secret), then prove it with a first code. */
export function TotpEnroll({ enrollment, confirming, onConfirm, onCancel }: TotpEnrollProps) {
  const qr = useQrDataUrl(enrollment.otpauthUrl);
  return (
    <div>
      <Typography.Paragraph>
        1. 在手机上打开身份验证器（如 Microsoft Authenticator、Google 身份验证器、FreeOTP），扫描下方二维码：
      </Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        {qr ? (
          <img src={qr} alt="双因素认证二维码" width={200} height={200} data-testid="totp-qr" />
        ) : (
          <Alert type="info" message="二维码生成中…" />
        )}
      </div>
      <Typography.Paragraph>
        无法扫码时，可手动输入密钥：
        <Typography.Text code copyable data-testid="totp-secret">
          {enrollment.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>2. 输入身份验证器上显示的6位动态验证码，完成启用：</Typography.Paragraph>
      <Form<{ code: string }> layout="inline" onFinish={(v) => { onConfirm(v.code.trim()); }}>
        <Form.Item required label="验证码" name="code" rules={[zodRule(TotpConfirmRequest.shape.code)]}>
          <Input autoComplete="one-time-code" maxLength={6} inputMode="numeric" style={{ width: 140 }} autoFocus />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={confirming}>
            确认启用
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
