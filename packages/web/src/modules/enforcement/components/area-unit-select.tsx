import { Select, TreeSelect } from 'antd';
import type { SelectProps, TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrgUnit } from '@qingyuan/shared';
import { useEnforcementUnits } from '../use-reference.ts';

interface UnitOption {
  value: string;
  title: string;
  disabled: boolean;
  children: UnitOption[];
}

const AREA_KINDS = new Set(['district', 'township', 'street', 'village', 'community', 'grid']);

function tree(units: readonly OrgUnit[], selectable: (u: OrgUnit) => boolean): UnitOption[] {
  const byParent = new Map<string | null, OrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const build = (parent: string | null): UnitOption[] =>
    (byParent.get(parent) ?? []).map((u) => ({ value: u.id, title: u.name, disabled: !selectable(u), children: build(u.id) }));
  return build(null);
}

type AreaUnitSelectProps = Omit<TreeSelectProps<string>, 'treeData' | 'loading' | 'showSearch' | 'treeNodeFilterProp'> & {
  /** Only area units (district … grid) can be chosen: where something happened. Default: any unit. */
  areasOnly?: boolean;
};

/** Picks a unit of the caller's enforcement area (for police: the area their unit is attached to). */
export function AreaUnitSelect({ areasOnly = false, ...props }: AreaUnitSelectProps) {
  const units = useEnforcementUnits();
  const treeData = useMemo(
    () => tree((units.data?.items ?? []).filter((u) => !areasOnly || AREA_KINDS.has(u.kind)), (u) => !areasOnly || AREA_KINDS.has(u.kind)),
    [units.data, areasOnly],
  );
  return (
    <TreeSelect<string>
      placeholder="请选择单位"
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      popupMatchSelectWidth={false}
      {...props}
      showSearch
      treeNodeFilterProp="title"
      loading={units.isPending}
      treeData={treeData}
    />
  );
}

/** Picks a police unit (禁毒大队, 派出所) of the caller's area: who handled a case. */
export function PoliceUnitSelect(props: Omit<SelectProps<string>, 'options' | 'loading'>) {
  const units = useEnforcementUnits();
  const options = (units.data?.items ?? []).filter((u) => u.kind === 'policeStation' && u.active).map((u) => ({ value: u.id, label: u.name }));
  return <Select<string> placeholder="请选择办案单位" showSearch optionFilterProp="label" {...props} loading={units.isPending} options={options} />;
}
