import { App, Button, Col, Divider, Form, InputNumber, Row, Select, Space } from 'antd';
import { ROLES, ROLE_LABELS, SecurityPolicy } from '@qingyuan/shared';
import type { Role } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { useUpdateSecurityPolicy } from '../use-update-security-policy.ts';

type NumberField = Exclude<keyof SecurityPolicy, 'mfaRequiredRoles'>;

interface NumberFieldSpec {
  name: NumberField;
  label: string;
  unit: string;
  extra?: string;
}

const GROUPS: { title: string; fields: NumberFieldSpec[] }[] = [
  {
    title: '密码',
    fields: [
      { name: 'passwordMinLength', label: '密码最小长度', unit: '位', extra: '不低于10位' },
      { name: 'passwordMaxAgeDays', label: '密码有效期', unit: '天', extra: '到期后须修改密码' },
      { name: 'passwordHistory', label: '不得与最近几次密码相同', unit: '次' },
    ],
  },
  {
    title: '登录失败锁定',
    fields: [
      { name: 'lockoutThreshold', label: '连续登录失败锁定阈值', unit: '次' },
      { name: 'lockoutMinutes', label: '锁定时长', unit: '分钟' },
    ],
  },
  {
    title: '会话与账号',
    fields: [
      { name: 'idleMinutes', label: '会话空闲超时', unit: '分钟', extra: '不超过30分钟' },
      { name: 'adminIdleMinutes', label: '管理员会话空闲超时', unit: '分钟', extra: '三员账号，不超过15分钟' },
      { name: 'absoluteHours', label: '会话最长有效期', unit: '小时', extra: '不超过12小时' },
      { name: 'inactiveDisableDays', label: '长期未登录自动停用', unit: '天' },
    ],
  },
];

const FIELD_NAMES: string[] = [...GROUPS.flatMap((g) => g.fields.map((f) => f.name)), 'mfaRequiredRoles'];

interface SecurityPolicyFormProps {
  policy: SecurityPolicy;
  canWrite: boolean;
}

export function SecurityPolicyForm({ policy, canWrite }: SecurityPolicyFormProps) {
  const [form] = Form.useForm<SecurityPolicy>();
  const { message } = App.useApp();
  const update = useUpdateSecurityPolicy();

  const onFinish = (values: SecurityPolicy) => {
    update.mutate(values, {
      onSuccess: () => { void message.success('安全策略已保存'); },
      onError: (error) => { showFormError(error, message, form, FIELD_NAMES); },
    });
  };

  return (
    <Form form={form} layout="vertical" initialValues={policy} onFinish={onFinish} disabled={!canWrite}>
      {GROUPS.map((group) => (
        <div key={group.title}>
          <Divider orientation="left" plain>
            {group.title}
          </Divider>
          <Row gutter={24}>
            {group.fields.map((f) => (
              <Col key={f.name} xs={24} md={12} xl={8}>
                <Form.Item
                  label={f.label}
                  name={f.name}
                  extra={f.extra}
                  validateFirst
                  rules={[{ required: true, message: `请输入${f.label}` }, zodRule(SecurityPolicy.shape[f.name])]}
                >
                  <InputNumber<number> min={0} precision={0} suffix={f.unit} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      ))}
      <Divider orientation="left" plain>
        双因素认证
      </Divider>
      <Form.Item
        label="必须启用双因素认证的角色"
        name="mfaRequiredRoles"
        extra="持有所选角色的账号须先启用双因素认证（TOTP）才能使用系统"
        style={{ maxWidth: 720 }}
      >
        <Select<Role[]>
          mode="multiple"
          allowClear
          placeholder="不要求"
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
      </Form.Item>
      {canWrite && (
        <Space>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存
          </Button>
          <Button htmlType="button" onClick={() => { form.resetFields(); }}>
            还原
          </Button>
        </Space>
      )}
    </Form>
  );
}
