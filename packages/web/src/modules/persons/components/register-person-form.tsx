import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CreatePerson, ETHNICITIES, Phone, PersonContactInput, SEX_LABELS, idNumberProblem, parseIdNumber, personUnitProblem } from '@qingyuan/shared';
import type { OrgUnit } from '@qingyuan/shared';
import { isApiError } from '../../../app/api-client.ts';
import { showFormError } from '../../../app/form-errors.ts';
import { checkRule, requiredRule, zodRule } from '../../../app/form-rules.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { useRegisterPerson } from '../use-register-person.ts';

interface RegisterValues {
  name: string;
  idNumber: string;
  orgUnitId: string;
  ethnicity?: string;
  phones?: string[];
  registeredAddress?: string;
  registeredOrgUnitId?: string;
  residence?: string;
  residenceOrgUnitId?: string;
  employment?: string;
  notes?: string;
  contacts?: { name: string; relation: string; phone?: string }[];
}

const FIELDS = ['name', 'idNumber', 'orgUnitId', 'ethnicity', 'phones', 'registeredAddress', 'registeredOrgUnitId', 'residence', 'residenceOrgUnitId', 'employment', 'notes', 'contacts'];
const ETHNICITY_OPTIONS = ETHNICITIES.map((e) => ({ value: e, label: e }));
const notPersonUnit = (unit: OrgUnit): boolean => personUnitProblem(unit.kind) !== null;
const today = (): string => dayjs().format('YYYY-MM-DD');
const text = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/** 登记人员: sex and birth date are shown as derived from the ID number, never typed. */
export function RegisterPersonForm() {
  const [form] = Form.useForm<RegisterValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const register = useRegisterPerson();
  const [existingId, setExistingId] = useState<string | null>(null);
  const idNumber = Form.useWatch('idNumber', form);
  const facts = idNumber ? parseIdNumber(idNumber, today()) : null;

  const onFinish = (values: RegisterValues) => {
    setExistingId(null);
    const body: CreatePerson = {
      name: values.name.trim(),
      idNumber: values.idNumber.trim(),
      orgUnitId: values.orgUnitId,
      ...(values.ethnicity ? { ethnicity: values.ethnicity as CreatePerson['ethnicity'] } : {}),
      phones: (values.phones ?? []).map((p) => p.trim()).filter(Boolean),
      registeredAddress: text(values.registeredAddress),
      registeredOrgUnitId: values.registeredOrgUnitId,
      residence: text(values.residence),
      residenceOrgUnitId: values.residenceOrgUnitId,
      employment: text(values.employment),
      notes: text(values.notes),
      contacts: (values.contacts ?? []).map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: text(c.phone) })),
    };
    register.mutate(body, {
      onSuccess: ({ id }) => {
        void message.success('登记成功');
        void navigate(`/persons/${id}`);
      },
      onError: (error) => {
        if (isApiError(error) && error.problem.existingId) setExistingId(error.problem.existingId);
        showFormError(error, message, form, FIELDS);
      },
    });
  };

  return (
    <Form form={form} name="register-person" layout="vertical" onFinish={onFinish} initialValues={{ ethnicity: '汉族', phones: [''] }}>
      {existingId && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="该身份证号已登记，不能重复登记"
          action={<Link to={`/persons/${existingId}`}>打开已有记录</Link>}
        />
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item required label="姓名" name="name" rules={[zodRule(CreatePerson.shape.name)]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item required label="身份证号" name="idNumber" rules={[requiredRule('请输入身份证号'), checkRule((v) => idNumberProblem(v, today()))]}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item label="出生日期">
            <Input aria-label="出生日期" readOnly disabled value={facts?.birthDate ?? ''} placeholder="由身份证号得出" />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item label="性别">
            <Input aria-label="性别" readOnly disabled value={facts ? SEX_LABELS[facts.sex] : ''} placeholder="由身份证号得出" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="责任单位" name="orgUnitId" rules={[requiredRule('请选择责任单位')]}>
            <OrgTreeSelect isDisabled={notPersonUnit} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="民族" name="ethnicity">
            <Select showSearch options={ETHNICITY_OPTIONS} allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="就业情况" name="employment">
            <Input maxLength={100} placeholder="如：务工、个体经营、无业" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label="户籍地址" name="registeredAddress">
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="户籍地单位" name="registeredOrgUnitId">
            <OrgTreeSelect allowClear placeholder="本辖区内可选" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label="现居住地址" name="residence">
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="现居住地单位" name="residenceOrgUnitId">
            <OrgTreeSelect allowClear placeholder="本辖区内可选" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.List name="phones">
            {(fields, { add, remove }) => (
              <Form.Item label="联系电话">
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={field.name} rules={[zodRule(Phone, { optional: true })]} style={{ marginBottom: 8 }}>
                      <Input aria-label={`联系电话${String(index + 1)}`} maxLength={13} autoComplete="off" style={{ width: 200 }} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined aria-label="删除电话" onClick={() => { remove(field.name); }} />}
                  </Space>
                ))}
                {fields.length < 5 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => { add(''); }}>
                    添加电话
                  </Button>
                )}
              </Form.Item>
            )}
          </Form.List>
        </Col>
        <Col span={16}>
          <Form.Item label="备注" name="notes">
            <Input.TextArea maxLength={1000} rows={3} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <Form.Item label="家庭联系人">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} rules={[zodRule(PersonContactInput.shape.name)]} style={{ marginBottom: 8 }}>
                      <Input placeholder="姓名" maxLength={50} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'relation']} rules={[zodRule(PersonContactInput.shape.relation)]} style={{ marginBottom: 8 }}>
                      <Input placeholder="关系，如母亲" maxLength={20} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'phone']} rules={[zodRule(Phone, { optional: true })]} style={{ marginBottom: 8 }}>
                      <Input placeholder="电话" maxLength={13} style={{ width: 180 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除联系人" onClick={() => { remove(field.name); }} />
                  </Space>
                ))}
                {fields.length < 10 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => { add(); }}>
                    添加联系人
                  </Button>
                )}
              </Form.Item>
            )}
          </Form.List>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          登记
        </Button>
        <Button onClick={() => void navigate('/persons')}>取消</Button>
      </Space>
    </Form>
  );
}
