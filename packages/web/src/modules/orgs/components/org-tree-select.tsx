import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrgUnit } from '@qingyuan/shared';
import type { OrgNode } from '../org-tree.ts';
import { buildOrgTree } from '../org-tree.ts';
import { useOrgs } from '../use-orgs.ts';

interface OrgOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: OrgOption[];
}

function toOptions(nodes: readonly OrgNode[], isDisabled?: (unit: OrgUnit) => boolean): OrgOption[] {
  return nodes.map(({ unit, children }) => ({
    value: unit.id,
    title: unit.active ? unit.name : `${unit.name}（停用）`,
    disabled: isDisabled?.(unit) ?? false,
    children: toOptions(children, isDisabled),
  }));
}

export interface OrgTreeSelectProps
  extends Omit<TreeSelectProps<string>, 'treeData' | 'loading' | 'showSearch' | 'treeNodeFilterProp'> {
  /** Units that cannot be picked (shown, greyed). */
  isDisabled?: (unit: OrgUnit) => boolean;
  includeInactive?: boolean;
}

/** Picks one org unit of the caller's scope; usable directly as a Form.Item control. */
export function OrgTreeSelect({ isDisabled, includeInactive = false, ...props }: OrgTreeSelectProps) {
  const orgs = useOrgs(includeInactive);
  const treeData = useMemo(
    () => toOptions(buildOrgTree(orgs.data?.items ?? []), isDisabled),
    [orgs.data, isDisabled],
  );
  return (
    <TreeSelect<string>
      placeholder="请选择单位"
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      {...props}
      showSearch
      treeNodeFilterProp="title"
      loading={orgs.isPending}
      treeData={treeData}
    />
  );
}
