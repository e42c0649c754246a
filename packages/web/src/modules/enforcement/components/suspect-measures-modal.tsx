import { App, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { SuspectDto, SuspectRole, WantedLevel } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useUpdateSuspect } from '../use-case-writes.ts';
import { ROLE_OPTIONS, WANTED_OPTIONS, notFuture } from './add-suspect-modal.tsx';
import { day } from './case-form-fields.tsx';

interface MeasureValues {
  role: SuspectRole;
  caughtAt?: Dayjs | null;
  criminalDetentionAt?: Dayjs | null;
  arrestedAt?: Dayjs | null;
  prosecutedAt?: Dayjs | null;
  wantedLevel?: WantedLevel | null;
}

const asDay = (value: string | null) => (value ? dayjs(value) : null);

/** 更新强制措施: caught, detained, arrested, prosecuted, wanted, as they happen. */
export function SuspectMeasuresModal({ caseId, suspect, onClose }: { caseId: string; suspect: SuspectDto | null; onClose: () => void }) {
  const [form] = Form.useForm<MeasureValues>();
  const { message } = App.useApp();
  const update = useUpdateSuspect(caseId);
  if (!suspect) return null;

  const onFinish = (v: MeasureValues) => {
    update.mutate(
      {
        suspectId: suspect.id,
        version: suspect.version,
        body: {
          role: v.role,
          caughtAt: day(v.caughtAt),
          criminalDetentionAt: day(v.criminalDetentionAt),
          arrestedAt: day(v.arrestedAt),
          prosecutedAt: day(v.prosecutedAt),
          wantedLevel: v.wantedLevel ?? null,
        },
      },
      {
        onSuccess: () => {
          void message.success('已更新');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['role', 'caughtAt', 'criminalDetentionAt', 'arrestedAt', 'prosecutedAt', 'wantedLevel']); },
      },
    );
  };

  const picker = (name: keyof MeasureValues, label: string) => (
    <Form.Item label={label} name={name}>
      <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
    </Form.Item>
  );

  return (
    <Modal title={`更新强制措施：${suspect.name}`} open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={update.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        initialValues={{
          role: suspect.role,
          caughtAt: asDay(suspect.caughtAt),
          criminalDetentionAt: asDay(suspect.criminalDetentionAt),
          arrestedAt: asDay(suspect.arrestedAt),
          prosecutedAt: asDay(suspect.prosecutedAt),
          wantedLevel: suspect.wantedLevel,
        }}
      >
        <Form.Item label="涉案角色" name="role">
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        {picker('caughtAt', '抓获日期')}
        {picker('criminalDetentionAt', '刑事拘留日期')}
        {picker('arrestedAt', '逮捕日期')}
        {picker('prosecutedAt', '起诉日期')}
        <Form.Item label="逃犯等级" name="wantedLevel">
          <Select allowClear options={WANTED_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
