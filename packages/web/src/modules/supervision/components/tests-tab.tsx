import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { TEST_KINDS, TEST_KIND_LABELS, TEST_RESULTS, TEST_RESULT_LABELS, TEST_SETTINGS, TEST_SETTING_LABELS } from '@qingyuan/shared';
import type { DrugTestDto, TestResult } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { useDrugTests, useMeasures, useRecordTest, useSupervisionSubstances } from '../supervision-api.ts';
import { RuleDate } from './measures-tab.tsx';
import { TestNotices } from './test-notices.tsx';
import { TestPolicySummary } from './test-policy-summary.tsx';

const RESULT_COLORS: Record<TestResult, string> = { negative: 'green', positive: 'red', refused: 'orange' };

/** 检测记录: the person's drug tests, newest first, and the next test due under the running measure. */
export function TestsTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const tests = useDrugTests(personId);
  const measures = useMeasures(personId);
  const substances = useSupervisionSubstances();
  const [adding, setAdding] = useState(false);
  if (tests.isError) return <QueryError error={tests.error} onRetry={() => void tests.refetch()} />;
  const names = new Map((substances.data?.items ?? []).map((s) => [s.code, s.name]));
  const next = measures.data?.items.find((m) => m.nextTest?.nextDue)?.nextTest;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>登记检测</Button>}
        {next?.nextDue && <RuleDate value={next.nextDue} testId="tests-next-due" />}
        {next?.overdue && <Tag color="red">逾期{next.overdueDays}天</Tag>}
      </Space>
      <TestPolicySummary personId={personId} />
      <Table<DrugTestDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={tests.isPending}
        dataSource={tests.data?.items ?? []}
        locale={{ emptyText: '暂无检测记录' }}
        data-testid="tests-table"
        columns={[
          { title: '检测日期', dataIndex: 'testedOn', width: 110 },
          { title: '方式', key: 'kind', width: 100, render: (_: unknown, t) => TEST_KIND_LABELS[t.kind] },
          { title: '场所', key: 'setting', width: 80, render: (_: unknown, t) => TEST_SETTING_LABELS[t.setting] },
          { title: '结果', key: 'result', width: 100, render: (_: unknown, t) => <Tag color={RESULT_COLORS[t.result]}>{TEST_RESULT_LABELS[t.result]}</Tag> },
          { title: '毒品种类', key: 'substances', render: (_: unknown, t) => t.substances.map((s) => <Tag key={s}>{names.get(s) ?? s}</Tag>) },
          { title: '检测人', key: 'tester', width: 100, render: (_: unknown, t) => t.tester ?? '' },
          { title: '地点', key: 'place', ellipsis: true, render: (_: unknown, t) => t.place ?? '' },
        ]}
      />
      <TestNotices personId={personId} canWrite={canWrite} />
      {canWrite && <RecordTestModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}

interface TestValues {
  testedOn: Dayjs;
  kind: (typeof TEST_KINDS)[number];
  setting: (typeof TEST_SETTINGS)[number];
  result: TestResult;
  substances?: string[];
  tester?: string;
  place?: string;
}

function RecordTestModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TestValues>();
  const { message } = App.useApp();
  const record = useRecordTest(personId);
  const substances = useSupervisionSubstances();
  const result = Form.useWatch('result', form);
  const onFinish = (v: TestValues) => {
    const tester = v.tester?.trim();
    const place = v.place?.trim();
    record.mutate({
      testedOn: v.testedOn.format('YYYY-MM-DD'), kind: v.kind, setting: v.setting, result: v.result,
      ...(v.result === 'positive' ? { substances: v.substances ?? [] } : {}),
      ...(tester ? { tester } : {}), ...(place ? { place } : {}),
    }, {
      onSuccess: () => { void message.success('已登记检测'); onClose(); },
      onError: (error) => { showFormError(error, message, form, ['testedOn', 'kind', 'setting', 'result', 'substances', 'tester', 'place']); },
    });
  };
  return (
    <Modal title="登记检测" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ kind: 'urine', setting: 'field', result: 'negative', testedOn: dayjs() }}>
        <Form.Item label="检测日期" name="testedOn" rules={[requiredRule('请选择检测日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="检测方式" name="kind" rules={[requiredRule('请选择检测方式')]}>
          <Select options={TEST_KINDS.map((k) => ({ value: k, label: TEST_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="检测场所" name="setting" rules={[requiredRule('请选择检测场所')]}>
          <Select options={TEST_SETTINGS.map((k) => ({ value: k, label: TEST_SETTING_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="检测结果" name="result" rules={[requiredRule('请选择检测结果')]}>
          <Select options={TEST_RESULTS.map((k) => ({ value: k, label: TEST_RESULT_LABELS[k] }))} />
        </Form.Item>
        {result === 'positive' && (
          <Form.Item label="毒品种类" name="substances" rules={[requiredRule('阳性结果须至少选择一种毒品')]}>
            <Select mode="multiple" optionFilterProp="label" options={(substances.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
        )}
        <Form.Item label="检测人" name="tester">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="检测地点" name="place">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
