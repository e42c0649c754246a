import { App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { TotpDisableRequest } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { useTotpDisable } from '../use-totp-disable.ts';

export function TotpDisable() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const disable = useTotpDisable();

  const onFinish = ({ password }: { password: string }) => {
    disable.mutate(password, {
      onSuccess: () => {
        void message.success('已停用双因素认证');
        setOpen(false);
      },
      onError: (error) => {
        showFormError(error, message, form, ['password']);
      },
    });
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>状态：</Typography.Text>
        <Tag color="green">已启用</Tag>
      </Space>
      <Typography.Paragraph type="secondary">
        登录时除密码外还需输入身份验证器上的动态验证码。
      </Typography.Paragraph>
      <Button danger onClick={() => { setOpen(true); }}>
        停用双因素认证
      </Button>
      <Modal
        title="停用双因素认证"
        open={open}
        onOk={() => { form.submit(); }}
        onCancel={() => { setOpen(false); }}
        confirmLoading={disable.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="warning">停用后登录只需密码，账号安全性将降低。请输入当前密码确认。</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
          <Form.Item required label="密码" name="password" rules={[zodRule(TotpDisableRequest.shape.password)]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
