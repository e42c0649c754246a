import { Alert, Button, Typography } from 'antd';

interface RecoveryCodesViewProps {
  codes: readonly string[];
  onDone: () => void;
}

/** Shown once, right after enrolment: the server keeps only hashes of these codes. */
export function RecoveryCodesView({ codes, onDone }: RecoveryCodesViewProps) {
  return (
    <div data-testid="recovery-codes">
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        message="双因素认证已启用"
        description="请立即抄写或复制以下恢复码并妥善保管。手机丢失或无法使用身份验证器时，可用恢复码登录；每个恢复码只能使用一次，离开本页后将无法再次查看。"
      />
      <Typography.Paragraph
        copyable={{ text: codes.join('\n'), tooltips: ['复制全部恢复码', '已复制'] }}
        style={{ fontFamily: 'monospace', fontSize: 16 }}
      >
        <span style={{ display: 'inline-grid', gridTemplateColumns: 'repeat(2, 12ch)', gap: '4px 24px' }}>
          {codes.map((code) => (
            <span key={code}>{code}</span>
          ))}
        </span>
      </Typography.Paragraph>
      <Button type="primary" onClick={onDone}>
        我已妥善保存
      </Button>
    </div>
  );
}
