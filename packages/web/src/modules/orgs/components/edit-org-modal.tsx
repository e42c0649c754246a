import { App, Form, Input, Modal } from 'antd';
import { CreateOrgUnit, divisionCodeProblem, kindHasDivisionCode } from '@qingyuan/shared';
import type { OrgUnit } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { checkRule, zodRule } from '../../../app/form-rules.ts';
import { useUpdateOrg } from '../use-update-org.ts';

interface EditOrgValues {
  name: string;
  divisionCode?: string;
}

interface EditOrgModalProps {
  unit: OrgUnit;
  parent: OrgUnit | undefined;
  open: boolean;
  onClose: () => void;
}

export function EditOrgModal({ unit, parent, open, onClose }: EditOrgModalProps) {
  const [form] = Form.useForm<EditOrgValues>();
  const { message } = App.useApp();
  const update = useUpdateOrg();
  const hasCode = kindHasDivisionCode(unit.kind);

  const onFinish = (values: EditOrgValues) => {
    const code = values.divisionCode?.trim();
    const body = hasCode ? { name: values.name.trim(), divisionCode: code ? code : null } : { name: values.name.trim() };
    update.mutate(
      { id: unit.id, body },
      {
        onSuccess: () => {
          void message.success('已保存');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['name', 'divisionCode']); },
      },
    );
  };

  return (
    <Modal
      title={`编辑单位 — ${unit.name}`}
      open={open}
      onOk={() => { form.submit(); }}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        initialValues={{ name: unit.name, divisionCode: unit.divisionCode ?? '' }}
      >
        <Form.Item required label="名称" name="name" rules={[zodRule(CreateOrgUnit.shape.name)]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        {hasCode && (
          <Form.Item
            label="行政区划代码"
            name="divisionCode"
            rules={[checkRule((code) => divisionCodeProblem(unit.kind, code.trim(), parent?.divisionCode ?? null))]}
          >
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
