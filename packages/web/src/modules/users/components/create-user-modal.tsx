import { App, Form, Input, Modal } from 'antd';
import { CreateUser } from '@qingyuan/shared';
import type { TemporaryPassword } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { useCreateUser } from '../use-create-user.ts';

interface CreateUserModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (result: TemporaryPassword, username: string) => void;
}

export function CreateUserModal({ open, onClose, onCreated }: CreateUserModalProps) {
  const [form] = Form.useForm<CreateUser>();
  const { message } = App.useApp();
  const create = useCreateUser();

  const onFinish = (values: CreateUser) => {
    const body = { ...values, username: values.username.trim(), displayName: values.displayName.trim() };
    create.mutate(body, {
      onSuccess: (result) => { onCreated(result, body.username); },
      onError: (error) => { showFormError(error, message, form, ['username', 'displayName', 'orgUnitId']); },
    });
  };

  return (
    <Modal
      title="新增账号"
      open={open}
      onOk={() => { form.submit(); }}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item
          required
          label="用户名"
          name="username"
          extra="字母、数字、点、下划线或连字符，3至64个字符；创建后不能修改"
          rules={[zodRule(CreateUser.shape.username)]}
        >
          <Input maxLength={64} autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item required label="姓名" name="displayName" rules={[zodRule(CreateUser.shape.displayName)]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label="所属单位" name="orgUnitId" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
