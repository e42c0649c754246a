import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { RELATIONSHIP_KINDS, RELATIONSHIP_KIND_LABELS } from '@qingyuan/shared';
import type { RelationshipKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { useAddRelationship } from '../use-add-relationship.ts';
import { usePersons } from '../use-persons.ts';

interface RelationshipValues {
  relatedPersonId: string;
  kind: RelationshipKind;
  notes?: string;
}

const KIND_OPTIONS = RELATIONSHIP_KINDS.map((k) => ({ value: k, label: RELATIONSHIP_KIND_LABELS[k] }));

/** Picks another registered person in scope by name or full ID number (each search is audited, so it waits for a pause). */
function PersonPicker({ exceptId, value, onChange }: { exceptId: string; value?: string; onChange?: (id: string) => void }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => { setQ(typed.trim()); }, 400);
    return () => { clearTimeout(timer); };
  }, [typed]);
  const found = usePersons({ q, page: 1, pageSize: 20 }, q.length >= 2);
  const options = (found.data?.items ?? [])
    .filter((p) => p.id !== exceptId)
    .map((p) => ({ value: p.id, label: `${p.name}（${p.idNumberMasked}，${p.orgUnitName}）` }));
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setTyped}
      loading={found.isFetching}
      options={options}
      placeholder="输入姓名或完整身份证号搜索"
      notFoundContent={q.length >= 2 ? '没有找到' : '请至少输入2个字'}
    />
  );
}

export function AddRelationshipModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<RelationshipValues>();
  const { message } = App.useApp();
  const add = useAddRelationship(personId);

  const onFinish = (values: RelationshipValues) => {
    const notes = values.notes?.trim();
    add.mutate(
      { relatedPersonId: values.relatedPersonId, kind: values.kind, ...(notes ? { notes } : {}) },
      {
        onSuccess: () => {
          void message.success('已新增关系人');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['relatedPersonId', 'kind', 'notes']); },
      },
    );
  };

  return (
    <Modal title="新增关系人" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item label="关系人" name="relatedPersonId" rules={[requiredRule('请选择关系人')]}>
          <PersonPicker exceptId={personId} />
        </Form.Item>
        <Form.Item label="关系类型" name="kind" rules={[requiredRule('请选择关系类型')]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="备注" name="notes">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
