import { Card } from 'antd';
import { RegisterPersonForm } from '../components/register-person-form.tsx';

export function RegisterPersonPage() {
  return (
    <Card title="登记人员">
      <RegisterPersonForm />
    </Card>
  );
}
