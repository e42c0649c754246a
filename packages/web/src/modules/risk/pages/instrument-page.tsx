import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import type { SaveRiskInstrument } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { PageSpin } from '../../../app/status-pages.tsx';
import { useRiskInstrument, useSaveRiskInstrument } from '../risk-api.ts';

/** 风险评估表: the office edits items, options, scores and thresholds; saving makes a new version (old assessments keep theirs). */
export function RiskInstrumentPage() {
  const instrument = useRiskInstrument();
  const save = useSaveRiskInstrument();
  const [form] = Form.useForm<SaveRiskInstrument>();
  const { message } = App.useApp();
  useEffect(() => {
    if (instrument.data) form.setFieldsValue({ items: instrument.data.items, thresholds: instrument.data.thresholds });
  }, [instrument.data, form]);
  if (instrument.isPending) return <PageSpin />;
  if (instrument.isError) return <QueryError error={instrument.error} onRetry={() => void instrument.refetch()} />;
  const onFinish = (v: SaveRiskInstrument) => {
    save.mutate(v, {
      onSuccess: (saved) => { void message.success(`已保存为第${String(saved.version)}版`); },
      onError: (error) => { showFormError(error, message, form, []); },
    });
  };
  return (
    <Card title={`风险分类评估表（当前第${String(instrument.data.version)}版）`}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="保存后生成新版本；已完成的评估仍按原版本计分，不受影响。" />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.List name="items">
          {(items, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {items.map((item) => (
                <Card key={item.key} size="small" title={`评估项目 ${String(item.name + 1)}`}
                  extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => { remove(item.name); }}>删除项目</Button>}>
                  <Space wrap>
                    <Form.Item label="项目名称" name={[item.name, 'label']} rules={[requiredRule('请填写项目名称')]}><Input maxLength={50} style={{ width: 240 }} /></Form.Item>
                    <Form.Item label="项目代码" name={[item.name, 'code']} rules={[requiredRule('请填写项目代码')]}><Input maxLength={32} style={{ width: 160 }} /></Form.Item>
                  </Space>
                  <Form.List name={[item.name, 'options']}>
                    {(options, { add: addOption, remove: removeOption }) => (
                      <>
                        {options.map((option) => (
                          <Space key={option.key} align="baseline">
                            <Form.Item name={[option.name, 'label']} rules={[requiredRule('请填写选项')]}><Input placeholder="选项" maxLength={50} style={{ width: 200 }} /></Form.Item>
                            <Form.Item name={[option.name, 'code']} rules={[requiredRule('请填写代码')]}><Input placeholder="代码" maxLength={32} style={{ width: 120 }} /></Form.Item>
                            <Form.Item name={[option.name, 'score']} rules={[requiredRule('请填写分值')]}><InputNumber placeholder="分值" min={0} max={100} precision={0} /></Form.Item>
                            <Button type="text" icon={<DeleteOutlined />} onClick={() => { removeOption(option.name); }} aria-label="删除选项" />
                          </Space>
                        ))}
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => { addOption({ code: '', label: '', score: 0 }); }}>添加选项</Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => { add({ code: '', label: '', options: [] }); }}>添加评估项目</Button>
            </Space>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>分数线</Typography.Title>
        <Space>
          <Form.Item label="高风险（总分不低于）" name={['thresholds', 'high']} rules={[requiredRule('请填写高风险分数线')]}><InputNumber min={1} precision={0} /></Form.Item>
          <Form.Item label="中风险（总分不低于）" name={['thresholds', 'medium']} rules={[requiredRule('请填写中风险分数线')]}><InputNumber min={1} precision={0} /></Form.Item>
        </Space>
        <Form.Item><Button type="primary" htmlType="submit" loading={save.isPending}>保存为新版本</Button></Form.Item>
      </Form>
    </Card>
  );
}
