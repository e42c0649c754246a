import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ROLE_LABELS } from '@qingyuan/shared';
import { useCurrentMe } from '../../auth/index.ts';

/** 工作台: for now a welcome card; business widgets arrive with their modules. */
export function WorkbenchPage() {
  const me = useCurrentMe();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card title="工作台">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            您好，{me.displayName}
          </Typography.Title>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
            <Descriptions.Item label="所属单位">{me.orgUnitName}</Descriptions.Item>
            <Descriptions.Item label="角色">
              <Space size={[0, 4]} wrap>
                {me.roles.length === 0 ? '无' : me.roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>)}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title="账号安全">
          <Typography.Paragraph>
            双因素认证：{me.mfaEnabled ? '已启用' : '未启用'}
          </Typography.Paragraph>
          <Link to="/account">前往我的账号</Link>
        </Card>
      </Col>
    </Row>
  );
}
