import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { CreateDetection, DETECTION_OUTCOMES, DETECTION_OUTCOME_LABELS } from '@qingyuan/shared';
import type { DetectionOutcome } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { useAddDetection } from '../use-add-detection.ts';
import { useSubstances } from '../use-substances.ts';

interface DetectionValues {
  detectedOn: Dayjs;
  agency: string;
  substances: string[];
  outcome: DetectionOutcome;
  notes?: string;
}

const OUTCOME_OPTIONS = DETECTION_OUTCOMES.map((o) => ({ value: o, label: DETECTION_OUTCOME_LABELS[o] }));

export function AddDetectionModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<DetectionValues>();
  const { message } = App.useApp();
  const substances = useSubstances();
  const add = useAddDetection(personId);

  const onFinish = (values: DetectionValues) => {
    const notes = values.notes?.trim();
    add.mutate(
      { detectedOn: values.detectedOn.format('YYYY-MM-DD'), agency: values.agency.trim(), substances: values.substances, outcome: values.outcome, ...(notes ? { notes } : {}) },
      {
        onSuccess: () => {
          void message.success('已新增查获记录');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['detectedOn', 'agency', 'substances', 'outcome', 'notes']); },
      },
    );
  };

  return (
    <Modal title="新增查获记录" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item label="查获日期" name="detectedOn" rules={[requiredRule('请选择查获日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item required label="查获单位" name="agency" rules={[zodRule(CreateDetection.shape.agency)]}>
          <Input maxLength={100} placeholder="如：清源派出所" />
        </Form.Item>
        <Form.Item label="毒品种类" name="substances" rules={[requiredRule('请至少选择一种毒品')]}>
          <Select
            mode="multiple"
            loading={substances.isPending}
            options={(substances.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label="处理结果" name="outcome" rules={[requiredRule('请选择处理结果')]}>
          <Select options={OUTCOME_OPTIONS} />
        </Form.Item>
        <Form.Item label="备注" name="notes">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
