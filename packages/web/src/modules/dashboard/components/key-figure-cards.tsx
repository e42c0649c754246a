import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { KeyFigure } from '@qingyuan/shared';

/** Where each figure's records are listed: the module's figures page with the same period and unit, opened on it. */
function recordsLink(figure: KeyFigure, search: string): string {
  const page = figure.code.startsWith('persons.') || figure.code.startsWith('supervision.') ? '/supervision/figures' : '/enforcement/figures';
  return `${page}?${search}&drill=${encodeURIComponent(figure.code)}`;
}

function change(figure: KeyFigure) {
  if (figure.yoyChange === null) return <Typography.Text type="secondary">同比：无同期数</Typography.Text>;
  const up = figure.yoyChange > 0;
  const text = `${Math.abs(figure.yoyChange).toFixed(1)}${figure.changeUnit === '%' ? '%' : '个百分点'}`;
  if (figure.yoyChange === 0) return <Typography.Text type="secondary">同比持平</Typography.Text>;
  return (
    <Typography.Text type="secondary">
      同比{up ? '上升' : '下降'} {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {text}
    </Typography.Text>
  );
}

/** The key figures: value, target and completion where set, and 同比; each card opens the records behind it. */
export function KeyFigureCards({ figures, search }: { figures: KeyFigure[]; search: string }) {
  return (
    <Row gutter={[12, 12]}>
      {figures.map((f) => (
        <Col key={f.code} xs={12} md={6}>
          <Link to={recordsLink(f, search)} aria-label={`${f.label}明细`} data-testid={`key-${f.code}`}>
            <Card size="small" hoverable>
              <Statistic title={f.label} value={f.value ?? '—'} suffix={f.value === null ? undefined : f.unit} />
              {f.target !== null && (
                <Typography.Text>任务数 {f.target}，完成 {f.completion === null ? '—' : `${f.completion.toFixed(1)}%`}</Typography.Text>
              )}
              <div>{change(f)}</div>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
