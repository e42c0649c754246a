import { Table, Typography } from 'antd';
import type { ReportPreview } from '@qingyuan/shared';
import { BarChart } from '../../../app/charts/bar-chart.tsx';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** The report as it reads in Word: title, byline, numbered sections of prose, tables and charts. */
export function ReportView({ report }: { report: ReportPreview }) {
  return (
    <article data-testid="report-preview" style={{ maxWidth: 860, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>{report.title}</Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">{report.byline}</Typography.Paragraph>
      {report.sections.map((section, i) => (
        <section key={`${String(i)}-${section.heading}`}>
          <Typography.Title level={5}>{`${NUMERALS[i] ?? String(i + 1)}、${section.heading}`}</Typography.Title>
          {section.paragraphs.map((p) => (
            <Typography.Paragraph key={p} style={{ textIndent: '2em', fontSize: 15, lineHeight: 1.9 }}>{p}</Typography.Paragraph>
          ))}
          {section.table && (
            <Table
              size="small"
              pagination={false}
              bordered
              title={() => section.table?.caption}
              rowKey={(row) => row[0] ?? ''}
              dataSource={section.table.rows}
              columns={section.table.columns.map((title, c) => ({ title, key: title, render: (_: unknown, row: string[]) => row[c] }))}
              style={{ marginBottom: 16 }}
            />
          )}
          {section.chart && (
            <figure style={{ margin: '0 0 16px' }}>
              <BarChart categories={section.chart.categories} series={[{ name: section.chart.caption, values: section.chart.values }]} />
              <figcaption style={{ textAlign: 'center' }}>{section.chart.caption}</figcaption>
            </figure>
          )}
        </section>
      ))}
    </article>
  );
}
