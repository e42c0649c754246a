import { Card, Descriptions, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { ROLE_LABELS } from '@qingyuan/shared';
import { useCurrentMe } from '../../auth/index.ts';

export function ProfileCard() {
  const me = useCurrentMe();
  return (
    <Card title="基本信息">
      <Descriptions column={1} size="small">
        <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
        <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
        <Descriptions.Item label="所属单位">{me.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="角色">
          <Space size={[0, 4]} wrap>
            {me.roles.length === 0 ? '无' : me.roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>)}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="双因素认证">{me.mfaEnabled ? '已启用' : '未启用'}</Descriptions.Item>
        <Descriptions.Item label="本次会话到期">
          {dayjs(me.sessionExpiresAt).isValid() ? dayjs(me.sessionExpiresAt).format('YYYY-MM-DD HH:mm') : '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
