import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import type { AuditVerification } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useVerifyAudit } from '../use-verify-audit.ts';

export function verificationText(result: AuditVerification): string {
  if (result.ok) return `审计日志完整，共校验 ${String(result.checked)} 条`;
  const where = result.firstBrokenSeq ? `第 ${result.firstBrokenSeq} 条` : '日志链';
  return `发现篡改：${where}校验不通过${result.reason ? `（${result.reason}）` : ''}，共校验 ${String(result.checked)} 条`;
}

export function VerifyAuditButton({ onResult }: { onResult: (result: AuditVerification) => void }) {
  const { message } = App.useApp();
  const verify = useVerifyAudit();
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={verify.isPending}
      onClick={() => {
        verify.mutate(undefined, { onSuccess: onResult, onError: (error) => { showFormError(error, message); } });
      }}
    >
      校验日志完整性
    </Button>
  );
}

export function VerificationResult({ result, onClose }: { result: AuditVerification; onClose: () => void }) {
  return (
    <Alert
      data-testid="audit-verification"
      type={result.ok ? 'success' : 'error'}
      showIcon
      closable
      onClose={onClose}
      message={verificationText(result)}
    />
  );
}
