import { App, Button, Card, Form, Space } from 'antd';
import { useNavigate } from 'react-router';
import { showFormError } from '../../../app/form-errors.ts';
import { CASE_FORM_FIELDS, CaseFormFields, day, type CaseFormValues } from '../components/case-form-fields.tsx';
import { useCreateCase } from '../use-case-writes.ts';

/** 登记案件: a new case; on success, its page (where suspects, seizures and assets are added). */
export function RegisterCasePage() {
  const [form] = Form.useForm<CaseFormValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateCase();

  const onFinish = (v: CaseFormValues) => {
    const summary = v.summary?.trim();
    create.mutate(
      {
        caseNumber: v.caseNumber.trim(),
        type: v.type,
        level: v.level,
        supervision: v.supervision ?? null,
        gang: v.flags?.includes('gang') ?? false,
        network: v.flags?.includes('network') ?? false,
        family: v.flags?.includes('family') ?? false,
        filedAt: day(v.filedAt) ?? '',
        ...(v.solvedAt ? { solvedAt: day(v.solvedAt) ?? '' } : {}),
        ...(v.prosecutedAt ? { prosecutedAt: day(v.prosecutedAt) ?? '' } : {}),
        orgUnitId: v.orgUnitId,
        handlingUnitId: v.handlingUnitId,
        ...(summary ? { summary } : {}),
      },
      {
        onSuccess: (created) => {
          void message.success('案件已登记');
          void navigate(`/cases/${created.id}`);
        },
        onError: (error) => { showFormError(error, message, form, CASE_FORM_FIELDS); },
      },
    );
  };

  return (
    <Card title="登记案件">
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ level: 'ordinary', type: 'trafficking' }}>
        <CaseFormFields />
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            保存
          </Button>
          <Button onClick={() => void navigate('/cases')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
