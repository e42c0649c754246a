import { Empty, Input, Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import type { OrgNode } from '../org-tree.ts';
import { filterOrgTree } from '../org-tree.ts';

interface OrgTreePanelProps {
  roots: readonly OrgNode[];
  selectedId: string | undefined;
  expandedKeys: readonly string[];
  onExpand: (keys: string[]) => void;
  onSelect: (id: string) => void;
}

function toTreeData(nodes: readonly OrgNode[]): TreeDataNode[] {
  return nodes.map(({ unit, children }) => ({
    key: unit.id,
    title: (
      <span style={unit.active ? undefined : { color: 'rgba(0, 0, 0, 0.35)' }}>
        {unit.name}
        {!unit.active && (
          <Tag style={{ marginLeft: 6 }} bordered={false}>
            停用
          </Tag>
        )}
      </span>
    ),
    children: toTreeData(children),
  }));
}

/** The scope tree with a name filter; expansion is owned by the page so a new unit can be revealed. */
export function OrgTreePanel({ roots, selectedId, expandedKeys, onExpand, onSelect }: OrgTreePanelProps) {
  const [keyword, setKeyword] = useState('');
  const filtered = useMemo(() => filterOrgTree(roots, keyword), [roots, keyword]);
  const treeData = useMemo(() => toTreeData(filtered.nodes), [filtered]);
  const searching = keyword.trim() !== '';

  return (
    <div>
      <Input.Search
        placeholder="搜索单位"
        aria-label="搜索单位"
        allowClear
        value={keyword}
        onChange={(e) => { setKeyword(e.target.value); }}
        style={{ marginBottom: 12 }}
      />
      <div data-testid="org-tree" style={{ maxHeight: 'calc(100vh - 250px)', overflow: 'auto' }}>
        {treeData.length === 0 ? (
          <Empty description={searching ? '没有名称匹配的单位' : '暂无组织机构'} />
        ) : (
          <Tree
            showLine
            blockNode
            treeData={treeData}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={searching ? filtered.expand : [...expandedKeys]}
            onExpand={(keys) => { onExpand(keys.map(String)); }}
            onSelect={(keys) => {
              const [first] = keys;
              if (first !== undefined) onSelect(String(first));
            }}
          />
        )}
      </div>
    </div>
  );
}
