import { Tag } from 'antd';

export function OrgStatusTag({ active }: { active: boolean }) {
  return active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>;
}
