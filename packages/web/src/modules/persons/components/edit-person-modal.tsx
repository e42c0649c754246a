import { App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ETHNICITIES, PERSON_STATUSES, PERSON_STATUS_LABELS, PersonName, personUnitProblem } from '@qingyuan/shared';
import type { OrgUnit, PersonDetail, PersonStatus, UpdatePerson } from '@qingyuan/shared';
import { isApiError } from '../../../app/api-client.ts';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { personKeys } from '../person-keys.ts';
import { useUpdatePerson } from '../use-update-person.ts';

interface EditValues {
  name: string;
  orgUnitId: string;
  ethnicity?: string | undefined;
  employment?: string | undefined;
  notes?: string | undefined;
  status: PersonStatus;
}

const notPersonUnit = (unit: OrgUnit): boolean => personUnitProblem(unit.kind) !== null;
const ETHNICITY_OPTIONS = ETHNICITIES.map((e) => ({ value: e, label: e }));
const STATUS_OPTIONS = PERSON_STATUSES.map((s) => ({ value: s, label: PERSON_STATUS_LABELS[s] }));

/** Edits the unencrypted fields, based on the version on screen (a concurrent change answers 412 and reloads). */
export function EditPersonModal({ person, open, onClose }: { person: PersonDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const update = useUpdatePerson();

  const onFinish = (values: EditValues) => {
    const body: UpdatePerson = {
      name: values.name.trim(),
      orgUnitId: values.orgUnitId,
      ethnicity: (values.ethnicity ?? null) as UpdatePerson['ethnicity'],
      employment: values.employment?.trim() || null,
      notes: values.notes?.trim() || null,
      status: values.status,
    };
    update.mutate(
      { id: person.id, version: person.version, body },
      {
        onSuccess: () => {
          void message.success('已保存');
          onClose();
        },
        onError: (error) => {
          showFormError(error, message, form, ['name', 'orgUnitId', 'ethnicity', 'employment', 'notes', 'status']);
          if (isApiError(error) && error.status === 412) void client.invalidateQueries({ queryKey: personKeys.detail(person.id) });
        },
      },
    );
  };

  return (
    <Modal title={`编辑 — ${person.name}`} open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={update.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        initialValues={{
          name: person.name,
          orgUnitId: person.orgUnitId,
          ethnicity: person.ethnicity ?? undefined,
          employment: person.employment ?? undefined,
          notes: person.notes ?? undefined,
          status: person.status,
        }}
      >
        <Form.Item required label="姓名" name="name" rules={[zodRule(PersonName)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="责任单位" name="orgUnitId" rules={[requiredRule('请选择责任单位')]}>
          <OrgTreeSelect isDisabled={notPersonUnit} />
        </Form.Item>
        <Form.Item label="民族" name="ethnicity">
          <Select showSearch allowClear options={ETHNICITY_OPTIONS} />
        </Form.Item>
        <Form.Item label="就业情况" name="employment">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select options={STATUS_OPTIONS} />
        </Form.Item>
        <Form.Item label="备注" name="notes">
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
