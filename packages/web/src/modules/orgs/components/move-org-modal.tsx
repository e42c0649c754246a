import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { ORG_KIND_LABELS, allowedParentKinds } from '@qingyuan/shared';
import type { OrgUnit } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { subtreeIds } from '../org-tree.ts';
import { useMoveOrg } from '../use-move-org.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';

interface MoveForm {
  newParentId: string;
  codeChoice?: 'keep' | 'new' | 'clear';
  divisionCode?: string;
}

interface MoveOrgModalProps {
  unit: OrgUnit;
  items: readonly OrgUnit[];
  open: boolean;
  onClose: () => void;
}

/** 移动: only units of an allowed parent kind outside the unit's own subtree can be picked. */
export function MoveOrgModal({ unit, items, open, onClose }: MoveOrgModalProps) {
  const [form] = Form.useForm<MoveForm>();
  const codeChoice = Form.useWatch('codeChoice', form);
  const { message } = App.useApp();
  const move = useMoveOrg();
  const parentKinds = allowedParentKinds(unit.kind);
  const own = useMemo(() => subtreeIds(unit.id, items), [unit.id, items]);
  const isDisabled = useCallback(
    (candidate: OrgUnit) =>
      own.has(candidate.id) || candidate.id === unit.parentId || !parentKinds.includes(candidate.kind),
    [own, unit.parentId, parentKinds],
  );

  const onFinish = ({ newParentId, codeChoice: choice, divisionCode }: MoveForm) => {
    // A coded unit whose code no longer fits the new parent must bring a new one or drop it (the server checks).
    const code = choice === 'new' ? { divisionCode: divisionCode ?? '' } : choice === 'clear' ? { divisionCode: null } : {};
    move.mutate(
      { id: unit.id, newParentId, ...code },
      {
        onSuccess: () => {
          void message.success('已移动');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['newParentId', 'divisionCode']); },
      },
    );
  };

  return (
    <Modal
      title={`移动单位 — ${unit.name}`}
      open={open}
      onOk={() => { form.submit(); }}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        可选的上级单位类型：{parentKinds.map((k) => ORG_KIND_LABELS[k]).join('、')}。下级单位及其数据将一并移动。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item label="新上级单位" name="newParentId" rules={[{ required: true, message: '请选择新上级单位' }]}>
          <OrgTreeSelect isDisabled={isDisabled} />
        </Form.Item>
        {unit.divisionCode !== null && (
          <Form.Item label="行政区划代码" name="codeChoice" initialValue="keep" extra={`原代码 ${unit.divisionCode}；移到其他乡镇/街道后原代码不再适用`}>
            <Radio.Group
              options={[
                { value: 'keep', label: '保留原代码' },
                { value: 'new', label: '填写新代码' },
                { value: 'clear', label: '清空代码' },
              ]}
            />
          </Form.Item>
        )}
        {codeChoice === 'new' && (
          <Form.Item label="新行政区划代码" name="divisionCode" rules={[{ required: true, pattern: /^\d{12}$/, message: '请输入12位统计用区划代码' }]}>
            <Input maxLength={12} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
