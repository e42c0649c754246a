import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space, Switch, Typography } from 'antd';

/** One clause as the form edits it: the indicator, its 其中 parts and the two switches. */
export interface ClauseForm {
  indicator: string | undefined;
  details: string[];
  completion: boolean;
  yoy: boolean;
}

export const NEW_CLAUSE: ClauseForm = { indicator: undefined, details: [], completion: true, yoy: true };

/**
 * The clauses of one sentence, in order: each indicator with its 其中 parts (worded after 其中), whether its completion
 * (完成任务数的…%) and its 同比 are worded. `name` is the sentence's field path; `label` names it for screen readers
 * (第1节第2句), so each switch reads e.g. 第1节第2句第3项同比.
 */
export function SentenceClauses({ name, label, options }: { name: (string | number)[]; label: string; options: { value: string; label: string }[] }) {
  return (
    <Form.List name={[...name, 'clauses']}>
      {(clauses, ops) => (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          {clauses.map((clause, j) => {
            const at = `${label}第${String(j + 1)}项`;
            return (
              <Space key={clause.key} wrap align="center" data-testid={`clause-${at}`} style={{ display: 'flex', padding: '4px 0', borderBottom: '1px dashed #f0f0f0' }}>
                <Typography.Text type="secondary">{`${String(j + 1)}.`}</Typography.Text>
                <Form.Item name={[clause.name, 'indicator']} noStyle rules={[{ required: true, message: '请选择指标' }]}>
                  <Select aria-label={`${at}指标`} showSearch optionFilterProp="label" options={options} placeholder="选择指标" style={{ width: 210 }} />
                </Form.Item>
                <Form.Item name={[clause.name, 'details']} noStyle>
                  <Select aria-label={`${at}其中`} mode="multiple" maxCount={6} optionFilterProp="label" options={options} placeholder="其中（可不选）" style={{ width: 210 }} />
                </Form.Item>
                <Space size={4}>
                  <span>完成任务数</span>
                  <Form.Item name={[clause.name, 'completion']} valuePropName="checked" noStyle>
                    <Switch size="small" aria-label={`${at}完成任务数`} />
                  </Form.Item>
                </Space>
                <Space size={4}>
                  <span>同比</span>
                  <Form.Item name={[clause.name, 'yoy']} valuePropName="checked" noStyle>
                    <Switch size="small" aria-label={`${at}同比`} />
                  </Form.Item>
                </Space>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={`${at}上移`} disabled={j === 0} onClick={() => { ops.move(j, j - 1); }} />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={`${at}下移`} disabled={j === clauses.length - 1} onClick={() => { ops.move(j, j + 1); }} />
                <Button type="text" size="small" danger icon={<MinusCircleOutlined />} aria-label={`${at}删除`} onClick={() => { ops.remove(clause.name); }} />
              </Space>
            );
          })}
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => { ops.add({ ...NEW_CLAUSE }); }}>添加指标</Button>
        </Space>
      )}
    </Form.List>
  );
}
