import { DeleteOutlined, EditOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { SavedFilterDto, SavedFilterPage } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useDeleteFilter, useSaveFilter, useSavedFilters, useUpdateFilter } from '../saved-filters-api.ts';

interface Props {
  page: SavedFilterPage;
  /** The filters as the URL holds them (paging excluded); empty values are left out when saving. */
  current: Record<string, string | undefined>;
  onApply: (query: Record<string, string>) => void;
}

interface NameForm {
  name: string;
  shared: boolean;
}

/** 常用筛选: apply a saved filter set, save the current one under a name (optionally shared with the unit), manage own ones. */
export function SavedFiltersControl({ page, current, onApply }: Props) {
  const { message } = App.useApp();
  const filters = useSavedFilters(page);
  const save = useSaveFilter(page);
  const update = useUpdateFilter(page);
  const remove = useDeleteFilter(page);
  const [saving, setSaving] = useState(false);
  const [managing, setManaging] = useState(false);
  const [renaming, setRenaming] = useState<SavedFilterDto | null>(null);
  const [saveForm] = Form.useForm<NameForm>();
  const [renameForm] = Form.useForm<NameForm>();
  const items = filters.data?.items ?? [];
  const query = Object.fromEntries(Object.entries(current).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));

  const submitSave = async (values: NameForm) => {
    try {
      await save.mutateAsync({ page, name: values.name, query, shared: values.shared });
      void message.success('已保存常用筛选');
      setSaving(false);
      saveForm.resetFields();
    } catch (error) {
      showFormError(error, message, saveForm, ['name']);
    }
  };
  const submitRename = async (values: NameForm) => {
    if (!renaming) return;
    try {
      await update.mutateAsync({ id: renaming.id, body: { name: values.name, shared: values.shared } });
      void message.success('已修改');
      setRenaming(null);
    } catch (error) {
      showFormError(error, message, renameForm, ['name']);
    }
  };

  return (
    <Space data-testid="saved-filters">
      <Dropdown
        trigger={['click']}
        menu={{
          items: items.length === 0
            ? [{ key: 'none', label: '暂无常用筛选', disabled: true }]
            : items.map((f) => ({ key: f.id, label: <span>{f.name}{!f.own && <Tag style={{ marginLeft: 8 }}>{f.ownerName}共享</Tag>}</span> })),
          onClick: ({ key }) => {
            const found = items.find((f) => f.id === key);
            if (found) onApply(found.query);
          },
        }}
      >
        <Button icon={<FilterOutlined />} loading={filters.isFetching}>常用筛选</Button>
      </Dropdown>
      <Button icon={<SaveOutlined />} onClick={() => { saveForm.setFieldsValue({ name: '', shared: false }); setSaving(true); }}>保存当前筛选</Button>
      {items.some((f) => f.own) && <Button type="link" onClick={() => { setManaging(true); }}>管理</Button>}

      <Modal title="保存当前筛选" open={saving} onCancel={() => { setSaving(false); }} onOk={() => { saveForm.submit(); }} confirmLoading={save.isPending} okText="保存" destroyOnHidden>
        <Form form={saveForm} layout="vertical" onFinish={(v) => void submitSave(v)} initialValues={{ name: '', shared: false }}>
          <FilterFields placeholder="如：河畔社区高风险" />
        </Form>
      </Modal>

      <Modal title="管理常用筛选" open={managing} onCancel={() => { setManaging(false); }} footer={null} width={560}>
        <Table<SavedFilterDto>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items.filter((f) => f.own)}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '共享', key: 'shared', render: (_: unknown, f) => (f.shared ? <Tag color="blue">已共享</Tag> : '—') },
            {
              title: '操作', key: 'actions', render: (_: unknown, f) => (
                <Space>
                  <Button size="small" icon={<EditOutlined />} onClick={() => { renameForm.setFieldsValue({ name: f.name, shared: f.shared }); setRenaming(f); }}>修改</Button>
                  <Popconfirm title={`删除“${f.name}”？`} okText="删除" cancelText="取消" onConfirm={() => { remove.mutate(f.id, { onSuccess: () => { void message.success('已删除'); }, onError: (error) => { showFormError(error, message); } }); }}>
                    <Button size="small" danger icon={<DeleteOutlined />}>删除</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Modal>

      <Modal title="修改常用筛选" open={renaming !== null} onCancel={() => { setRenaming(null); }} onOk={() => { renameForm.submit(); }} confirmLoading={update.isPending} okText="保存" destroyOnHidden>
        <Form form={renameForm} layout="vertical" onFinish={(v) => void submitRename(v)}>
          <FilterFields />
        </Form>
      </Modal>
    </Space>
  );
}

/** The name and sharing of a filter: the same fields when saving and when changing one. */
function FilterFields({ placeholder }: { placeholder?: string }) {
  return (
    <>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 40, message: '名称最多40个字符' }]}>
        <Input placeholder={placeholder} maxLength={40} />
      </Form.Item>
      <Form.Item name="shared" valuePropName="checked">
        <Checkbox>共享给本单位及下级单位</Checkbox>
      </Form.Item>
    </>
  );
}
