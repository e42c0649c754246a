import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { CreateSanction, SANCTION_KINDS, SANCTION_KIND_LABELS, Yuan } from '@qingyuan/shared';
import type { SanctionKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { useRecordSanction } from '../use-sanctions.ts';
import { notFuture } from './add-suspect-modal.tsx';
import { AreaUnitSelect, PoliceUnitSelect } from './area-unit-select.tsx';
import { day } from './case-form-fields.tsx';

interface SanctionValues {
  name: string;
  idNumber: string;
  kind: SanctionKind;
  decidedAt: Dayjs;
  orgUnitId: string;
  handlingUnitId: string;
  detentionDays?: number | null;
  fineAmount?: string;
}

const FIELDS = ['name', 'idNumber', 'kind', 'decidedAt', 'orgUnitId', 'handlingUnitId', 'detentionDays', 'fineAmount'];

/** 登记查处吸毒: one administrative decision on a person found using drugs. */
export function RecordSanctionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<SanctionValues>();
  const { message } = App.useApp();
  const record = useRecordSanction();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal title="登记查处吸毒" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'administrativeDetention' }}
        onFinish={(v) => {
          record.mutate(
            {
              name: v.name.trim(),
              idNumber: v.idNumber.trim(),
              kind: v.kind,
              decidedAt: day(v.decidedAt) ?? '',
              orgUnitId: v.orgUnitId,
              handlingUnitId: v.handlingUnitId,
              ...(v.kind === 'administrativeDetention' && typeof v.detentionDays === 'number' ? { detentionDays: v.detentionDays } : {}),
              ...(v.kind === 'fine' && v.fineAmount ? { fineAmount: v.fineAmount.trim() } : {}),
            },
            {
              onSuccess: () => {
                void message.success('已登记');
                onClose();
              },
              onError: (error) => { showFormError(error, message, form, FIELDS); },
            },
          );
        }}
      >
        <Form.Item required label="姓名" name="name" rules={[zodRule(CreateSanction.shape.name)]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item required label="身份证号" name="idNumber" rules={[zodRule(CreateSanction.shape.idNumber)]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item label="处理类型" name="kind" rules={[requiredRule('请选择处理类型')]}>
          <Select options={SANCTION_KINDS.map((k) => ({ value: k, label: SANCTION_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'administrativeDetention' && (
          <Form.Item label="拘留天数" name="detentionDays" rules={[requiredRule('请填写拘留天数')]}>
            <InputNumber min={1} max={15} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'fine' && (
          <Form.Item required label="罚款金额（元）" name="fineAmount" rules={[zodRule(Yuan)]}>
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item label="决定日期" name="decidedAt" rules={[requiredRule('请选择决定日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item label="查处地" name="orgUnitId" rules={[requiredRule('请选择查处地')]}>
          <AreaUnitSelect areasOnly />
        </Form.Item>
        <Form.Item label="办案单位" name="handlingUnitId" rules={[requiredRule('请选择办案单位')]}>
          <PoliceUnitSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
