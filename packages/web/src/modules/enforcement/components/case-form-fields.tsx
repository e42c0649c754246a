import { Checkbox, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { CASE_LEVELS, CASE_LEVEL_LABELS, CASE_TYPES, CASE_TYPE_LABELS, CaseNumber, SUPERVISIONS, SUPERVISION_LABELS } from '@qingyuan/shared';
import type { CaseLevel, CaseType, Supervision } from '@qingyuan/shared';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { AreaUnitSelect, PoliceUnitSelect } from './area-unit-select.tsx';

/** What the case form holds (dates as dayjs; flags as a checkbox group). */
export interface CaseFormValues {
  caseNumber: string;
  type: CaseType;
  level: CaseLevel;
  supervision?: Supervision | null;
  flags?: ('gang' | 'network' | 'family')[];
  filedAt: Dayjs;
  solvedAt?: Dayjs | null;
  prosecutedAt?: Dayjs | null;
  orgUnitId: string;
  handlingUnitId: string;
  summary?: string;
}

export const CASE_FORM_FIELDS = ['caseNumber', 'type', 'level', 'supervision', 'filedAt', 'solvedAt', 'prosecutedAt', 'orgUnitId', 'handlingUnitId', 'summary'];

export const day = (value: Dayjs | null | undefined): string | null => (value ? value.format('YYYY-MM-DD') : null);
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

const FLAG_OPTIONS = [
  { value: 'gang', label: '团伙案件' },
  { value: 'network', label: '网络案件' },
  { value: 'family', label: '家族式案件' },
];

/** The fields of a case, shared by registration and editing. */
export function CaseFormFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item required label="案件编号" name="caseNumber" rules={[zodRule(CaseNumber)]}>
            <Input maxLength={50} autoComplete="off" placeholder="如：A3401992026110001" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="案件类型" name="type" rules={[requiredRule('请选择案件类型')]}>
            <Select options={CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }))} showSearch optionFilterProp="label" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="案件等级" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="level" noStyle rules={[requiredRule('请选择案件等级')]}>
                <Select aria-label="案件等级" style={{ width: '50%' }} options={CASE_LEVELS.map((l) => ({ value: l, label: CASE_LEVEL_LABELS[l] }))} />
              </Form.Item>
              <Form.Item name="supervision" noStyle>
                <Select aria-label="督办级别" style={{ width: '50%' }} allowClear placeholder="督办" options={SUPERVISIONS.map((s) => ({ value: s, label: SUPERVISION_LABELS[s] }))} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="立案日期" name="filedAt" rules={[requiredRule('请选择立案日期')]}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="破案日期" name="solvedAt">
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="起诉日期" name="prosecutedAt">
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="发案地" name="orgUnitId" rules={[requiredRule('请选择发案地')]}>
            <AreaUnitSelect areasOnly />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="办案单位" name="handlingUnitId" rules={[requiredRule('请选择办案单位')]}>
            <PoliceUnitSelect />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="案件特征" name="flags">
            <Checkbox.Group options={FLAG_OPTIONS} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="简要案情" name="summary">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}
