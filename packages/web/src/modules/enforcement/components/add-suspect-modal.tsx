import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { CreateSuspect, SUSPECT_ROLES, SUSPECT_ROLE_LABELS, WANTED_LEVELS, WANTED_LEVEL_LABELS } from '@qingyuan/shared';
import type { SuspectRole, WantedLevel } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { useAddSuspect } from '../use-case-writes.ts';
import { day } from './case-form-fields.tsx';

interface SuspectValues {
  name: string;
  idNumber?: string;
  role: SuspectRole;
  caughtAt?: Dayjs | null;
  criminalDetentionAt?: Dayjs | null;
  wantedLevel?: WantedLevel | null;
  notes?: string;
}

export const ROLE_OPTIONS = SUSPECT_ROLES.map((r) => ({ value: r, label: SUSPECT_ROLE_LABELS[r] }));
export const WANTED_OPTIONS = WANTED_LEVELS.map((w) => ({ value: w, label: WANTED_LEVEL_LABELS[w] }));
export const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** 添加犯罪嫌疑人: name, ID number (encrypted, shown masked; matched against the register), role, first measures. */
export function AddSuspectModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<SuspectValues>();
  const { message } = App.useApp();
  const add = useAddSuspect(caseId);

  const onFinish = (v: SuspectValues) => {
    const idNumber = v.idNumber?.trim();
    const notes = v.notes?.trim();
    const caughtAt = day(v.caughtAt);
    const criminalDetentionAt = day(v.criminalDetentionAt);
    add.mutate(
      {
        name: v.name.trim(),
        role: v.role,
        ...(idNumber ? { idNumber } : {}),
        ...(caughtAt ? { caughtAt } : {}),
        ...(criminalDetentionAt ? { criminalDetentionAt } : {}),
        ...(v.wantedLevel ? { wantedLevel: v.wantedLevel } : {}),
        ...(notes ? { notes } : {}),
      },
      {
        onSuccess: () => {
          void message.success('已添加犯罪嫌疑人');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['name', 'idNumber', 'role', 'caughtAt', 'criminalDetentionAt', 'wantedLevel', 'notes']); },
      },
    );
  };

  return (
    <Modal title="添加犯罪嫌疑人" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ role: 'principal' }}>
        <Form.Item required label="姓名" name="name" rules={[zodRule(CreateSuspect.shape.name)]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label="身份证号" name="idNumber" extra="加密保存，页面只显示部分号码；已登记为吸毒人员的将自动关联">
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item label="涉案角色" name="role" rules={[requiredRule('请选择涉案角色')]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="抓获日期" name="caughtAt">
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item label="刑事拘留日期" name="criminalDetentionAt">
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item label="逃犯等级" name="wantedLevel" extra="上网追逃的犯罪嫌疑人">
          <Select allowClear options={WANTED_OPTIONS} />
        </Form.Item>
        <Form.Item label="备注" name="notes">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
