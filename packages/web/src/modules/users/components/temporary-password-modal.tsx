import { Alert, Modal, Typography } from 'antd';

interface TemporaryPasswordModalProps {
  /** What happened, e.g. 账号已创建 / 密码已重置. */
  title: string;
  username: string;
  password: string | null;
  onClose: () => void;
}

/** The one-time password: shown once, the server keeps only its hash. */
export function TemporaryPasswordModal({ title, username, password, onClose }: TemporaryPasswordModalProps) {
  return (
    <Modal
      title={title}
      open={password !== null}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记录"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="临时密码只显示这一次"
        description="请通过安全渠道告知本人。首次登录时须修改密码。"
      />
      <Typography.Paragraph>账号：{username}</Typography.Paragraph>
      <Typography.Paragraph>
        临时密码：
        <Typography.Text
          code
          strong
          data-testid="temporary-password"
          copyable={{ text: password ?? '', tooltips: ['复制', '已复制'] }}
          style={{ fontSize: 18 }}
        >
          {password}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
