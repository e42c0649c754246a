import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { CreatePrecursorSeizure, CreateSeizure } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { useAddPrecursorSeizure, useAddSeizure } from '../use-case-writes.ts';
import { useDrugCatalogue } from '../use-reference.ts';
import { notFuture } from './add-suspect-modal.tsx';
import { day } from './case-form-fields.tsx';

interface SeizureValues {
  drug: string;
  grams: string;
  packets?: number | null;
  seizedAt: Dayjs;
  place?: string;
}

/** 添加缴获毒品: drug from the catalogue, weight typed as text (exact to the milligram, never rounded by a float). */
export function AddSeizureModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<SeizureValues>();
  const { message } = App.useApp();
  const drugs = useDrugCatalogue();
  const add = useAddSeizure(caseId);
  const onFinish = (v: SeizureValues) => {
    const place = v.place?.trim();
    add.mutate(
      {
        drug: v.drug,
        grams: v.grams.trim(),
        seizedAt: day(v.seizedAt) ?? '',
        ...(typeof v.packets === 'number' ? { packets: v.packets } : {}),
        ...(place ? { place } : {}),
      },
      {
        onSuccess: () => {
          void message.success('已添加缴获记录');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['drug', 'grams', 'packets', 'seizedAt', 'place']); },
      },
    );
  };
  return (
    <Modal title="添加缴获毒品" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item label="毒品种类" name="drug" rules={[requiredRule('请选择毒品种类')]}>
          <Select loading={drugs.isPending} options={(drugs.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item required label="重量（克）" name="grams" rules={[zodRule(CreateSeizure.shape.grams)]} extra="最多3位小数，如 12.345">
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item label="零包数" name="packets">
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="缴获日期" name="seizedAt" rules={[requiredRule('请选择缴获日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item label="缴获地点" name="place">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PrecursorValues {
  chemical: string;
  kilograms: string;
  seizedAt: Dayjs;
  place?: string;
}

/** 添加缴获制毒物品: chemical and kilograms (exact decimal text). */
export function AddPrecursorSeizureModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PrecursorValues>();
  const { message } = App.useApp();
  const add = useAddPrecursorSeizure(caseId);
  const onFinish = (v: PrecursorValues) => {
    const place = v.place?.trim();
    add.mutate(
      { chemical: v.chemical.trim(), kilograms: v.kilograms.trim(), seizedAt: day(v.seizedAt) ?? '', ...(place ? { place } : {}) },
      {
        onSuccess: () => {
          void message.success('已添加缴获记录');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, ['chemical', 'kilograms', 'seizedAt', 'place']); },
      },
    );
  };
  return (
    <Modal title="添加缴获制毒物品" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item required label="制毒物品名称" name="chemical" rules={[zodRule(CreatePrecursorSeizure.shape.chemical)]}>
          <Input maxLength={50} placeholder="如：麻黄碱" />
        </Form.Item>
        <Form.Item required label="重量（千克）" name="kilograms" rules={[zodRule(CreatePrecursorSeizure.shape.kilograms)]}>
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item label="缴获日期" name="seizedAt" rules={[requiredRule('请选择缴获日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item label="缴获地点" name="place">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
