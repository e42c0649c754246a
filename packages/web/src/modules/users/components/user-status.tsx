import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { User } from '@qingyuan/shared';

export function isLocked(user: User): boolean {
  return user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());
}

export function UserStatus({ user }: { user: User }) {
  return (
    <Space size={[0, 4]} wrap>
      {user.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
      {isLocked(user) && (
        <Tag color="red" title={`锁定至 ${dayjs(user.lockedUntil).format('YYYY-MM-DD HH:mm')}`}>
          已锁定
        </Tag>
      )}
      {user.mustChangePassword && <Tag color="orange">待改密</Tag>}
    </Space>
  );
}
