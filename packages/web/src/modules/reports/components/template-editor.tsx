import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import { INDICATORS, REPORT_KIND_LABELS, type ReportKind, type ReportTemplateBody, type ReportTemplateInput } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useIndicatorLibrary, useReportTemplate, useSaveReportTemplate } from '../use-reports.ts';
import { NEW_CLAUSE, SentenceClauses, type ClauseForm } from './sentence-clauses.tsx';

/** What the form edits: each sentence as its ordered clauses, each with its 其中 parts and switches. */
interface FormValues {
  title: string;
  sections: { heading: string; intro: string; sentences: { clauses: ClauseForm[] }[]; table: string[]; chart: string | null }[];
}

const FIGURE_OPTIONS = Object.entries(INDICATORS).map(([value, { label }]) => ({ value, label }));

/** The enforcement figures (drugs included) and every registry indicator, each code once. */
function indicatorOptions(library: readonly { code: string; label: string }[] | undefined): { value: string; label: string }[] {
  const known = new Set(FIGURE_OPTIONS.map((o) => o.value));
  return [...FIGURE_OPTIONS, ...(library ?? []).filter((d) => !known.has(d.code)).map((d) => ({ value: d.code, label: d.label }))];
}

function toForm(body: ReportTemplateBody): FormValues {
  return {
    title: body.title,
    sections: body.sections.map((s) => ({
      heading: s.heading,
      intro: s.intro,
      sentences: s.sentences.map((x) => ({ clauses: x.clauses.map((c) => ({ indicator: c.indicator, details: c.details, completion: c.completion, yoy: c.yoy })) })),
      table: s.table,
      chart: s.chart,
    })),
  };
}

/** Back to a template: clauses without an indicator and sentences without a clause are dropped. */
function toBody(values: FormValues): ReportTemplateInput {
  return {
    title: values.title,
    sections: values.sections.map((s) => ({
      heading: s.heading,
      intro: s.intro,
      sentences: s.sentences
        .map((x) => x.clauses.flatMap((c) => (c.indicator ? [{ indicator: c.indicator, details: c.details, completion: c.completion, yoy: c.yoy }] : [])))
        .filter((clauses) => clauses.length > 0)
        .map((clauses) => ({ clauses })),
      table: s.table,
      chart: s.chart ?? null,
    })),
  };
}

/**
 * 编辑模板: headings, which indicators each sentence words and in which order — each with its 其中 parts and whether
 * its completion and 同比 are worded — and each section's table and chart.
 */
export function TemplateEditor({ kind, open, onClose }: { kind: ReportKind; open: boolean; onClose: () => void }) {
  const template = useReportTemplate(kind);
  const save = useSaveReportTemplate(kind);
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const library = useIndicatorLibrary();
  const options = indicatorOptions(library.data?.items);
  const data = template.data;
  return (
    <Drawer
      title={`编辑模板：${REPORT_KIND_LABELS[kind]}`}
      width={900}
      open={open}
      onClose={onClose}
      destroyOnHidden
      extra={<Button type="primary" loading={save.isPending} onClick={() => { form.submit(); }}>保存为新版本</Button>}
    >
      {data && (
        <Form
          form={form}
          layout="vertical"
          initialValues={toForm(data.body)}
          onFinish={(values) => {
            save.mutate(toBody(values), {
              onSuccess: (saved) => {
                void message.success(`模板已保存（第${String(saved.version)}版）`);
                onClose();
              },
              onError: (error) => { showFormError(error, message, form, ['title']); },
            });
          }}
        >
          <Typography.Paragraph type="secondary">
            当前为{data.version === 0 ? '系统默认模板' : `第${String(data.version)}版（${data.savedBy ?? ''}保存）`}。标题中的 {'{单位}'}、{'{期间}'} 生成时替换为单位名称和统计期间。
          </Typography.Paragraph>
          <Form.Item label="报告标题" name="title" rules={[{ required: true, message: '请填写报告标题' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.List name="sections">
            {(sections, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {sections.map((section, i) => (
                  <Card key={section.key} size="small" title={`第${String(i + 1)}节`} extra={<Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除本节" onClick={() => { remove(section.name); }} />}>
                    <Form.Item label="标题" name={[section.name, 'heading']} rules={[{ required: true, message: '请填写标题' }]}>
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item label="说明文字（置于本节开头）" name={[section.name, 'intro']}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
                    </Form.Item>
                    <Form.List name={[section.name, 'sentences']}>
                      {(sentences, sentenceOps) => (
                        <>
                          {sentences.map((sentence, k) => (
                            <div key={sentence.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '6px 10px', marginBottom: 8 }}>
                              <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
                                <Typography.Text strong>{`第${String(k + 1)}句（按顺序）`}</Typography.Text>
                                <Button type="text" size="small" danger icon={<MinusCircleOutlined />} aria-label={`删除第${String(i + 1)}节第${String(k + 1)}句`} onClick={() => { sentenceOps.remove(sentence.name); }} />
                              </Space>
                              <SentenceClauses name={[sentence.name]} label={`第${String(i + 1)}节第${String(k + 1)}句`} options={options} />
                            </div>
                          ))}
                          <Button type="dashed" icon={<PlusOutlined />} onClick={() => { sentenceOps.add({ clauses: [{ ...NEW_CLAUSE }] }); }}>添加一句</Button>
                        </>
                      )}
                    </Form.List>
                    <Form.Item label="统计表指标" name={[section.name, 'table']} style={{ marginTop: 12 }}>
                      <Select mode="multiple" options={options} placeholder="不需要表格可留空" />
                    </Form.Item>
                    <Form.Item label="分乡镇柱状图" name={[section.name, 'chart']}>
                      <Select allowClear options={options} placeholder="不需要图表可留空" />
                    </Form.Item>
                  </Card>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => { add({ heading: '', intro: '', sentences: [], table: [], chart: null }); }}>添加一节</Button>
              </Space>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
