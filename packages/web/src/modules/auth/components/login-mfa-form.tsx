import { SafetyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';
import { MfaLoginRequest } from '@qingyuan/shared';
import { zodRule } from '../../../app/form-rules.ts';

interface LoginMfaFormProps {
  submitting: boolean;
  onSubmit: (code: string) => void;
  onBack: () => void;
}

export function LoginMfaForm({ submitting, onSubmit, onBack }: LoginMfaFormProps) {
  return (
    <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={(v) => { onSubmit(v.code.trim()); }}>
      <Typography.Paragraph type="secondary">
        请打开手机上的身份验证器，输入6位动态验证码；无法使用验证器时可输入恢复码（如 ABCD-EFGH）。
      </Typography.Paragraph>
      <Form.Item label="验证码" name="code" rules={[zodRule(MfaLoginRequest.shape.code)]}>
        <Input
          prefix={<SafetyOutlined />}
          autoComplete="one-time-code"
          autoFocus
          size="large"
          maxLength={9}
          placeholder="6位动态验证码或恢复码"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        验证
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
        返回重新登录
      </Button>
    </Form>
  );
}
