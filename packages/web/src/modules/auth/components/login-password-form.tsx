import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { LoginRequest } from '@qingyuan/shared';
import { zodRule } from '../../../app/form-rules.ts';

interface LoginPasswordFormProps {
  submitting: boolean;
  onSubmit: (values: LoginRequest) => void;
}

export function LoginPasswordForm({ submitting, onSubmit }: LoginPasswordFormProps) {
  const [form] = Form.useForm<LoginRequest>();
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={onSubmit} autoComplete="on">
      <Form.Item label="用户名" name="username" rules={[zodRule(LoginRequest.shape.username)]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[zodRule(LoginRequest.shape.password)]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        登录
      </Button>
    </Form>
  );
}
