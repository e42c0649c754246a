import { Card } from 'antd';
import { PageSpin } from '../../../app/status-pages.tsx';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { SecurityPolicyForm } from '../components/security-policy-form.tsx';
import { useSecurityPolicy } from '../use-security-policy.ts';

export function PoliciesPage() {
  const canWrite = useCan('policies.write');
  const policy = useSecurityPolicy();
  if (policy.isPending) return <PageSpin />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => void policy.refetch()} />;
  return (
    <Card title="安全策略">
      <SecurityPolicyForm policy={policy.data} canWrite={canWrite} />
    </Card>
  );
}
