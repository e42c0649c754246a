import { Card, Col, Empty, Row, Space, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OrgUnit } from '@qingyuan/shared';
import { PageSpin } from '../../../app/status-pages.tsx';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { CreateOrgModal } from '../components/create-org-modal.tsx';
import { EditOrgModal } from '../components/edit-org-modal.tsx';
import { MoveOrgModal } from '../components/move-org-modal.tsx';
import type { OrgAction } from '../components/org-detail-card.tsx';
import { OrgDetailCard } from '../components/org-detail-card.tsx';
import { OrgTreePanel } from '../components/org-tree-panel.tsx';
import { ancestorsOf, buildOrgTree, indexById, topLevelKeys } from '../org-tree.ts';
import { useOrgs } from '../use-orgs.ts';

/** 组织机构: the scope tree on the left, the selected unit and its actions on the right. */
export function OrgTreePage() {
  const canWrite = useCan('orgs.write');
  const [params, setParams] = useSearchParams();
  // Local state mirrors the URL so the switch flips at once (router updates land a task later).
  const [includeInactive, setIncludeInactive] = useState(params.get('inactive') === 'true');
  const orgs = useOrgs(includeInactive);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [action, setAction] = useState<OrgAction | null>(null);

  const items = useMemo(() => orgs.data?.items ?? [], [orgs.data]);
  const roots = useMemo(() => buildOrgTree(items), [items]);
  const byId = useMemo(() => indexById(items), [items]);
  const selected = byId.get(params.get('unit') ?? '') ?? roots[0]?.unit;
  const ancestors = useMemo(() => (selected ? ancestorsOf(selected, byId) : []), [selected, byId]);
  const expandedKeys = expanded ?? topLevelKeys(roots);

  const setParam = (key: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };

  const reveal = (unit: OrgUnit) => {
    const path = [...ancestorsOf(unit, byId).map((u) => u.id), ...(unit.parentId ? [unit.parentId] : [])];
    setExpanded([...new Set([...expandedKeys, ...path])]);
    setParam('unit', unit.id);
  };

  if (orgs.isPending) return <PageSpin />;
  if (orgs.isError) return <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} />;

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="380px" style={{ minWidth: 0 }}>
        <Card
          title="组织机构"
          extra={
            <label>
              <Space size={6}>
                <Switch
                  size="small"
                  checked={includeInactive}
                  onChange={(checked) => {
                    setIncludeInactive(checked);
                    setParam('inactive', checked ? 'true' : null);
                  }}
                />
                显示已停用
              </Space>
            </label>
          }
        >
          <OrgTreePanel
            roots={roots}
            selectedId={selected?.id}
            expandedKeys={expandedKeys}
            onExpand={setExpanded}
            onSelect={(id) => { setParam('unit', id); }}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {selected ? (
          <OrgDetailCard unit={selected} ancestors={ancestors} canWrite={canWrite} onAction={setAction} />
        ) : (
          <Card>
            <Empty description="请在左侧选择单位" />
          </Card>
        )}
      </Col>
      {selected && canWrite && (
        <>
          <CreateOrgModal
            parent={selected}
            open={action === 'create'}
            onClose={() => { setAction(null); }}
            onCreated={(unit) => {
              setAction(null);
              reveal(unit);
            }}
          />
          <EditOrgModal
            unit={selected}
            parent={ancestors.at(-1)}
            open={action === 'edit'}
            onClose={() => { setAction(null); }}
          />
          <MoveOrgModal unit={selected} items={items} open={action === 'move'} onClose={() => { setAction(null); }} />
        </>
      )}
    </Row>
  );
}
