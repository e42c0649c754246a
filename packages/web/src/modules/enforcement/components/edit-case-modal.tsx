import { App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import type { CaseDetail } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useUpdateCase } from '../use-case-writes.ts';
import { CASE_FORM_FIELDS, CaseFormFields, day, type CaseFormValues } from './case-form-fields.tsx';

/** 编辑案件: every field of the case, saved against the version it was read at (412 if someone else changed it). */
export function EditCaseModal({ detail, open, onClose }: { detail: CaseDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CaseFormValues>();
  const { message } = App.useApp();
  const update = useUpdateCase(detail.id);
  const initial: CaseFormValues = {
    caseNumber: detail.caseNumber,
    type: detail.type,
    level: detail.level,
    supervision: detail.supervision,
    flags: (['gang', 'network', 'family'] as const).filter((f) => detail[f]),
    filedAt: dayjs(detail.filedAt),
    solvedAt: detail.solvedAt ? dayjs(detail.solvedAt) : null,
    prosecutedAt: detail.prosecutedAt ? dayjs(detail.prosecutedAt) : null,
    orgUnitId: detail.orgUnit.id,
    handlingUnitId: detail.handlingUnit.id,
    summary: detail.summary ?? '',
  };

  const onFinish = (v: CaseFormValues) => {
    update.mutate(
      {
        version: detail.version,
        body: {
          caseNumber: v.caseNumber.trim(),
          type: v.type,
          level: v.level,
          supervision: v.supervision ?? null,
          gang: v.flags?.includes('gang') ?? false,
          network: v.flags?.includes('network') ?? false,
          family: v.flags?.includes('family') ?? false,
          filedAt: day(v.filedAt) ?? detail.filedAt,
          solvedAt: day(v.solvedAt),
          prosecutedAt: day(v.prosecutedAt),
          orgUnitId: v.orgUnitId,
          handlingUnitId: v.handlingUnitId,
          summary: v.summary?.trim() ? v.summary.trim() : null,
        },
      },
      {
        onSuccess: () => {
          void message.success('案件已更新');
          onClose();
        },
        onError: (error) => { showFormError(error, message, form, CASE_FORM_FIELDS); },
      },
    );
  };

  return (
    <Modal title="编辑案件" width={880} open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={update.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={onFinish}>
        <CaseFormFields />
      </Form>
    </Modal>
  );
}
