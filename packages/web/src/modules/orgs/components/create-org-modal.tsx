import { App, Form, Input, Modal, Select } from 'antd';
import { CreateOrgUnit, ORG_KIND_LABELS, divisionCodeProblem, kindHasDivisionCode } from '@qingyuan/shared';
import type { OrgKind, OrgUnit } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { checkRule, zodRule } from '../../../app/form-rules.ts';
import { childKindsOf } from '../org-tree.ts';
import { useCreateOrg } from '../use-create-org.ts';

interface CreateOrgValues {
  name: string;
  kind: OrgKind;
  divisionCode?: string;
}

interface CreateOrgModalProps {
  parent: OrgUnit;
  open: boolean;
  onClose: () => void;
  onCreated: (unit: OrgUnit) => void;
}

/** 新增下级: the kind list only offers kinds allowed under the parent's kind. */
export function CreateOrgModal({ parent, open, onClose, onCreated }: CreateOrgModalProps) {
  const [form] = Form.useForm<CreateOrgValues>();
  const { message } = App.useApp();
  const create = useCreateOrg();
  const kinds = childKindsOf(parent.kind);
  // Undefined until a kind is picked, whatever the form's value type says.
  const kind = Form.useWatch('kind', form) as OrgKind | undefined;
  const hasCode = kind === undefined || kindHasDivisionCode(kind);

  const onFinish = (values: CreateOrgValues) => {
    const code = values.divisionCode?.trim();
    create.mutate(
      { parentId: parent.id, name: values.name.trim(), kind: values.kind, ...(code && hasCode ? { divisionCode: code } : {}) },
      {
        onSuccess: (unit) => {
          void message.success(`已新增“${unit.name}”`);
          onCreated(unit);
        },
        onError: (error) => { showFormError(error, message, form, ['name', 'kind', 'divisionCode']); },
      },
    );
  };

  return (
    <Modal
      title={`新增下级单位 — ${parent.name}`}
      open={open}
      onOk={() => { form.submit(); }}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        initialValues={kinds.length === 1 ? { kind: kinds[0] } : {}}
      >
        <Form.Item required label="名称" name="name" rules={[zodRule(CreateOrgUnit.shape.name)]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select<OrgKind>
            placeholder="请选择类型"
            options={kinds.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
            onChange={() => { void form.validateFields(['divisionCode']).catch(() => undefined); }}
          />
        </Form.Item>
        <Form.Item
          label="行政区划代码"
          name="divisionCode"
          extra={hasCode ? '可选。乡镇/街道、村/社区填写12位统计用区划代码' : '该类型单位不设行政区划代码'}
          rules={[
            checkRule((code) => (kind ? divisionCodeProblem(kind, code.trim(), parent.divisionCode) : null)),
          ]}
        >
          <Input maxLength={12} inputMode="numeric" disabled={!hasCode} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
