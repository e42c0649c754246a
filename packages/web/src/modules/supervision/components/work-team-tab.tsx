import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Phone, TEAM_ROLES, TEAM_ROLE_LABELS, type TeamMemberDto, type TeamRole } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { useAddMember, useEndMember, useTeam, useWorkerAccounts } from '../supervision-work-api.ts';

/** 工作小组: social worker, police officer, grid worker and family members of the person's team. */
export function WorkTeamTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const team = useTeam(personId);
  const end = useEndMember(personId);
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  if (team.isError) return <QueryError error={team.error} onRetry={() => void team.refetch()} />;
  const onEnd = (m: TeamMemberDto) => {
    end.mutate({ memberId: m.id, endedOn: dayjs().format('YYYY-MM-DD') }, {
      onSuccess: () => void message.success('已退出工作小组'),
      onError: (error) => { showFormError(error, message); },
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>添加成员</Button>}
      <Table<TeamMemberDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={team.isPending}
        dataSource={team.data?.items ?? []}
        locale={{ emptyText: '暂无工作小组成员' }}
        data-testid="work-team-table"
        columns={[
          { title: '角色', key: 'role', width: 90, render: (_: unknown, m) => TEAM_ROLE_LABELS[m.teamRole] },
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '关系', key: 'relation', width: 80, render: (_: unknown, m) => m.relation ?? '' },
          { title: '电话', key: 'phone', width: 130, render: (_: unknown, m) => m.phoneMasked ?? '' },
          { title: '加入日期', dataIndex: 'startedOn', width: 110 },
          { title: '状态', key: 'current', width: 120, render: (_: unknown, m) => (m.current ? <Tag color="green">在组</Tag> : <Tag>已于{m.endedOn}退出</Tag>) },
          ...(canWrite ? [{
            title: '操作', key: 'actions', width: 90,
            render: (_: unknown, m: TeamMemberDto) => m.current && (
              <Popconfirm title="确认该成员今天退出工作小组？" okText="确认" cancelText="取消" onConfirm={() => { onEnd(m); }}>
                <Button type="link" size="small">退出</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
      {canWrite && <AddMemberModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}

interface MemberValues {
  teamRole: TeamRole;
  accountId?: string;
  name?: string;
  relation?: string;
  phone?: string;
  startedOn: Dayjs;
}

const FIELDS = ['teamRole', 'accountId', 'name', 'relation', 'phone', 'startedOn'];

function AddMemberModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<MemberValues>();
  const { message } = App.useApp();
  const add = useAddMember(personId);
  const role = Form.useWatch('teamRole', form);
  const workers = useWorkerAccounts(open);
  const onFinish = (v: MemberValues) => {
    const text = (s?: string) => s?.trim() || undefined;
    const name = text(v.name);
    const relation = text(v.relation);
    const phone = text(v.phone);
    add.mutate({
      teamRole: v.teamRole, startedOn: v.startedOn.format('YYYY-MM-DD'),
      ...(v.teamRole === 'socialWorker' ? { accountId: v.accountId } : { ...(name ? { name } : {}), ...(phone ? { phone } : {}) }),
      ...(v.teamRole === 'family' && relation ? { relation } : {}),
    }, {
      onSuccess: () => { void message.success('已添加工作小组成员'); onClose(); },
      onError: (error) => { showFormError(error, message, form, FIELDS); },
    });
  };
  return (
    <Modal title="添加工作小组成员" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ teamRole: 'socialWorker', startedOn: dayjs() }}>
        <Form.Item label="角色" name="teamRole" rules={[requiredRule('请选择角色')]}>
          <Select options={TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r] }))} />
        </Form.Item>
        {role === 'socialWorker' ? (
          <Form.Item label="社工账号" name="accountId" rules={[requiredRule('请选择社工账号')]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={workers.isPending}
              options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.displayName}（${w.orgUnitName}）` }))}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item label="姓名" name="name" rules={[requiredRule('请填写姓名')]}>
              <Input maxLength={50} />
            </Form.Item>
            {role === 'family' && (
              <Form.Item label="与本人关系" name="relation" rules={[requiredRule('请填写家属与本人的关系')]}>
                <Input maxLength={20} placeholder="如：母亲、配偶" />
              </Form.Item>
            )}
            <Form.Item label="联系电话" name="phone" rules={[zodRule(Phone, { optional: true })]}>
              <Input maxLength={20} />
            </Form.Item>
          </>
        )}
        <Form.Item label="加入日期" name="startedOn" rules={[requiredRule('请选择加入日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
