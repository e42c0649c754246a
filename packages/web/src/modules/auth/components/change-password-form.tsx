import { App, Button, Form, Input } from 'antd';
import { ChangePasswordRequest, passwordProblems } from '@qingyuan/shared';
import { checkRule, zodRule } from '../../../app/form-rules.ts';
import { showFormError } from '../../../app/form-errors.ts';
import { useChangePassword } from '../use-change-password.ts';

interface ChangePasswordValues extends ChangePasswordRequest {
  confirmPassword: string;
}

interface ChangePasswordFormProps {
  username: string;
  onDone?: () => void;
}

export const PASSWORD_HINT =
  '至少10位，包含大写字母、小写字母、数字、特殊字符中的至少3类；不能包含用户名或 qingyuan、禁毒 等易猜测词语';

export function ChangePasswordForm({ username, onDone }: ChangePasswordFormProps) {
  const [form] = Form.useForm<ChangePasswordValues>();
  const { message } = App.useApp();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordValues) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success('密码已修改');
          form.resetFields();
          onDone?.();
        },
        onError: (error) => {
          showFormError(error, message, form, ['currentPassword', 'newPassword']);
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      <Form.Item required label="当前密码" name="currentPassword" rules={[zodRule(ChangePasswordRequest.shape.currentPassword)]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        required
        label="新密码"
        name="newPassword"
        extra={PASSWORD_HINT}
        rules={[
          zodRule(ChangePasswordRequest.shape.newPassword),
          checkRule((value) => passwordProblems(value, { username })),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        修改密码
      </Button>
    </Form>
  );
}
