import { Alert, Card, Col, Row } from 'antd';
import { ChangePasswordForm, useCurrentMe } from '../../auth/index.ts';
import { ProfileCard } from '../components/profile-card.tsx';
import { TotpSection } from '../components/totp-section.tsx';

export function AccountPage() {
  const me = useCurrentMe();
  return (
    <div>
      {me.mfaEnrollRequired && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="必须先启用双因素认证"
          description="根据安全策略，您的角色须启用双因素认证。完成启用前，其他功能暂不可用。"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <ProfileCard />
        </Col>
        <Col xs={24} lg={14}>
          <Card title="双因素认证" style={{ marginBottom: 16 }}>
            <TotpSection />
          </Card>
          {!me.mfaEnrollRequired && (
            <Card title="修改密码">
              <ChangePasswordForm username={me.username} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
