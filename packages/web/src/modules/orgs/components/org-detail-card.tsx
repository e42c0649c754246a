import { App, Button, Card, Descriptions, Popconfirm, Space, Tooltip } from 'antd';
import { ORG_KIND_LABELS, allowedParentKinds } from '@qingyuan/shared';
import type { OrgUnit } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { childKindsOf } from '../org-tree.ts';
import { useDeactivateOrg } from '../use-deactivate-org.ts';
import { useReactivateOrg } from '../use-reactivate-org.ts';
import { OrgStatusTag } from './org-status-tag.tsx';

export type OrgAction = 'create' | 'edit' | 'move';

interface OrgDetailCardProps {
  unit: OrgUnit;
  ancestors: readonly OrgUnit[];
  canWrite: boolean;
  onAction: (action: OrgAction) => void;
}

export function OrgDetailCard({ unit, ancestors, canWrite, onAction }: OrgDetailCardProps) {
  const { message } = App.useApp();
  const deactivate = useDeactivateOrg();
  const reactivate = useReactivateOrg();
  const childKinds = childKindsOf(unit.kind);
  const movable = allowedParentKinds(unit.kind).length > 0;
  const parent = ancestors.at(-1);

  const actions = canWrite && (
    <Space wrap>
      <Tooltip title={childKinds.length === 0 ? `${ORG_KIND_LABELS[unit.kind]}不能设下级单位` : undefined}>
        <Button type="primary" disabled={childKinds.length === 0 || !unit.active} onClick={() => { onAction('create'); }}>
          新增下级
        </Button>
      </Tooltip>
      <Button onClick={() => { onAction('edit'); }}>编辑</Button>
      <Tooltip title={movable ? undefined : '顶级单位不能移动'}>
        <Button disabled={!movable} onClick={() => { onAction('move'); }}>
          移动
        </Button>
      </Tooltip>
      {unit.active ? (
        <Popconfirm
          title="确定停用该单位？"
          description="停用后不能再在该单位下新增账号和数据。"
          okText="确定"
          cancelText="取消"
          onConfirm={() => {
            deactivate.mutate(unit.id, {
              onSuccess: () => { void message.success('已停用'); },
              onError: (error) => { showFormError(error, message); },
            });
          }}
        >
          <Button danger loading={deactivate.isPending}>
            停用
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title="确定启用该单位？"
          okText="确定"
          cancelText="取消"
          onConfirm={() => {
            reactivate.mutate(unit.id, {
              onSuccess: () => { void message.success('已启用'); },
              onError: (error) => { showFormError(error, message); },
            });
          }}
        >
          <Button loading={reactivate.isPending}>启用</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Card title={unit.name} data-testid="org-detail">
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
        <Descriptions.Item label="名称">{unit.name}</Descriptions.Item>
        <Descriptions.Item label="类型">{ORG_KIND_LABELS[unit.kind]}</Descriptions.Item>
        <Descriptions.Item label="行政区划代码">{unit.divisionCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <OrgStatusTag active={unit.active} />
        </Descriptions.Item>
        <Descriptions.Item label="上级单位">{parent?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="所在路径">{[...ancestors, unit].map((u) => u.name).join(' / ')}</Descriptions.Item>
        <Descriptions.Item label="层级">{unit.depth}</Descriptions.Item>
      </Descriptions>
      {actions && <div style={{ marginTop: 16 }}>{actions}</div>}
    </Card>
  );
}
