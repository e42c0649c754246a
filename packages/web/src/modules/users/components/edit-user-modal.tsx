import { App, Form, Input, Modal } from 'antd';
import { CreateUser } from '@qingyuan/shared';
import type { User } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { useUpdateUser } from '../use-update-user.ts';

interface EditUserValues {
  displayName: string;
  orgUnitId: string;
}

interface EditUserModalProps {
  user: User | null;
  onClose: () => void;
}

export function EditUserModal({ user, onClose }: EditUserModalProps) {
  const [form] = Form.useForm<EditUserValues>();
  const { message } = App.useApp();
  const update = useUpdateUser();

  const onFinish = (values: EditUserValues) => {
    if (!user) return;
    update.mutate(
      { id: user.id, body: { displayName: values.displayName.trim(), orgUnitId: values.orgUnitId } },
      {
        onSuccess: () => {
          void message.success('已保存');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['displayName', 'orgUnitId']); },
      },
    );
  };

  return (
    <Modal
      title={user ? `编辑账号 — ${user.username}` : '编辑账号'}
      open={user !== null}
      onOk={() => { form.submit(); }}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {user && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={onFinish}
          initialValues={{ displayName: user.displayName, orgUnitId: user.orgUnitId }}
        >
          <Form.Item required label="姓名" name="displayName" rules={[zodRule(CreateUser.shape.displayName)]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item label="所属单位" name="orgUnitId" rules={[{ required: true, message: '请选择所属单位' }]}>
            <OrgTreeSelect />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
