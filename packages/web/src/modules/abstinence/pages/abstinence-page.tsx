import { App, Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ABSTINENCE_REVIEW_STATUS_LABELS, type AbstinenceCandidate, type AbstinenceReviewDto, type AbstinenceReviewStatus, type ArchivedPerson } from '@qingyuan/shared';
import { errorTitle } from '../../../app/api-client.ts';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { useAbstinenceCandidates, useAbstinenceReviews, useArchive, useDecideAbstinence, useProposeAbstinence, useRestoreArchivedPerson } from '../use-abstinence.ts';

const Evidence = ({ lines }: { lines: string[] }) => <ul style={{ margin: 0, paddingLeft: 18 }}>{lines.map((l) => <li key={l}>{l}</li>)}</ul>;

/** 戒断三年未复吸: the system's candidates with evidence, proposals waiting for the office, and the restricted archive. */
export function AbstinencePage() {
  const canArchive = useCan('archive.read');
  return (
    <Card title="戒断三年未复吸">
      <Tabs
        items={[
          { key: 'candidates', label: '系统提示名单', children: <Candidates /> },
          { key: 'proposed', label: '待审核', children: <Reviews status="proposed" /> },
          { key: 'rejected', label: '已退回', children: <Reviews status="rejected" /> },
          // Approved persons are in the restricted archive: only its readers (the office) see them.
          ...(canArchive ? [{ key: 'approved', label: '已批准', children: <Reviews status="approved" /> }, { key: 'archive', label: '限制查阅档案', children: <Archive /> }] : []),
        ]}
      />
    </Card>
  );
}

function Candidates() {
  const [page, setPage] = useState(1);
  const list = useAbstinenceCandidates(page);
  const canPropose = useCan('supervision.write');
  const [proposing, setProposing] = useState<AbstinenceCandidate | null>(null);
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">自最后一次措施结束、阳性检测或查获之日起满3年未复吸的人员，由系统按规则列出并附依据；乡镇（街道）核实后提出申请，区禁毒办审核。</Typography.Paragraph>
      <Table<AbstinenceCandidate>
        rowKey="personId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="abstinence-candidates"
        locale={{ emptyText: '暂无符合条件的人员' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '姓名', width: 90, render: (_: unknown, r) => <Link to={`/persons/${r.personId}`}>{r.personName}</Link> },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 170 },
          { title: '单位', dataIndex: 'orgUnitName', width: 100 },
          { title: '满三年', width: 110, render: (_: unknown, r) => <span title={r.mark.explanation}>{r.mark.date}</span> },
          { title: '依据', render: (_: unknown, r) => <Evidence lines={r.evidence} /> },
          {
            title: '操作', width: 110,
            render: (_: unknown, r) => (r.openReviewId ? <Tag color="blue">待审核</Tag> : canPropose ? <Button size="small" onClick={() => { setProposing(r); }}>提出申请</Button> : null),
          },
        ]}
      />
      <ProposeModal candidate={proposing} onClose={() => { setProposing(null); }} />
    </>
  );
}

function ProposeModal({ candidate, onClose }: { candidate: AbstinenceCandidate | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const propose = useProposeAbstinence();
  const { message } = App.useApp();
  return (
    <Modal
      title={candidate ? `提出戒断三年未复吸申请：${candidate.personName}` : ''}
      open={candidate !== null}
      okText="提交申请"
      confirmLoading={propose.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() => {
        void form.validateFields().then(async ({ note }) => {
          if (!candidate) return;
          try {
            await propose.mutateAsync({ personId: candidate.personId, note });
            void message.success('已提交，待区禁毒办审核');
            onClose();
          } catch (error) {
            void message.error(errorTitle(error));
          }
        });
      }}
    >
      {candidate && <Evidence lines={candidate.evidence} />}
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item name="note" label="核实情况说明" rules={[{ required: true, whitespace: true, message: '请填写核实情况说明' }, { max: 500, message: '最多500个字符' }]}>
          <Input.TextArea rows={3} placeholder="如：社区走访、家属反映、近期检测情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The review's decision; an approved one whose person was restored to control says so, with the day and the reason. */
function ReviewStatus({ review: r }: { review: AbstinenceReviewDto }) {
  return (
    <Space direction="vertical" size={0}>
      <Tag>{ABSTINENCE_REVIEW_STATUS_LABELS[r.status]}</Tag>{r.decidedOn}{r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
      {r.restoredOn && (
        <span data-testid={`review-restored-${r.id}`}>
          <Tag color="orange">已恢复管控</Tag>{r.restoredOn}
          {r.restoreReason && <Typography.Text type="secondary">（{r.restoreReason}）</Typography.Text>}
        </span>
      )}
    </Space>
  );
}

function Reviews({ status }: { status: AbstinenceReviewStatus }) {
  const [page, setPage] = useState(1);
  const list = useAbstinenceReviews(status, page);
  const canDecide = useCan('abstinence.approve');
  const decide = useDecideAbstinence();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<AbstinenceReviewDto | null>(null);
  const [reason, setReason] = useState('');
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const run = async (review: AbstinenceReviewDto, decision: 'approve' | 'reject', why?: string) => {
    try {
      await decide.mutateAsync({ reviewId: review.id, body: { decision, ...(why ? { reason: why } : {}) } });
      void message.success(decision === 'approve' ? '已批准，人员已解除动态管控并转入限制查阅档案' : '已退回');
      setRejecting(null);
    } catch (error) {
      void message.error(errorTitle(error));
    }
  };
  return (
    <>
      <Table<AbstinenceReviewDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid={`abstinence-reviews-${status}`}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          // An archived person has no ordinary page; one restored to control (恢复管控) has it again.
          { title: '姓名', width: 90, render: (_: unknown, r) => (status === 'approved' && !r.restoredOn ? r.personName : <Link to={`/persons/${r.personId}`}>{r.personName}</Link>) },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 170 },
          { title: '单位', dataIndex: 'orgUnitName', width: 100 },
          { title: '满三年', dataIndex: 'markDate', width: 104 },
          { title: '依据', render: (_: unknown, r) => <Evidence lines={r.evidence} /> },
          { title: '状态', width: 180, render: (_: unknown, r) => <ReviewStatus review={r} /> },
          ...(status === 'proposed' && canDecide ? [{
            title: '审核', width: 150,
            render: (_: unknown, r: AbstinenceReviewDto) => (
              <Space>
                <Button size="small" type="primary" loading={decide.isPending} onClick={() => {
                  Modal.confirm({ title: `批准${r.personName}戒断三年未复吸？`, content: '批准后该人员解除动态管控，转入限制查阅档案，不再出现在日常名单和统计中。', okText: '批准', onOk: () => run(r, 'approve') });
                }}>批准</Button>
                <Button size="small" danger onClick={() => { setReason(''); setRejecting(r); }}>退回</Button>
              </Space>
            ),
          }] : []),
        ]}
      />
      <Modal title="退回申请" open={rejecting !== null} okText="退回" okButtonProps={{ danger: true, disabled: !reason.trim() }} confirmLoading={decide.isPending}
        onCancel={() => { setRejecting(null); }} onOk={() => { if (rejecting) void run(rejecting, 'reject', reason.trim()); }} destroyOnHidden>
        <Input.TextArea aria-label="退回理由" rows={3} maxLength={500} value={reason} placeholder="请填写退回理由" onChange={(e) => { setReason(e.target.value); }} />
      </Modal>
    </>
  );
}

function Archive() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [searched, setSearched] = useState(false);
  const archive = useArchive(q, page, searched);
  const canRestore = useCan('persons.write');
  const [restoring, setRestoring] = useState<ArchivedPerson | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">限制查阅档案：每次查询和查阅均记入审计日志，身份证号脱敏显示（安全规范第18条）。</Typography.Paragraph>
      <Input.Search aria-label="档案查询" placeholder="姓名或完整身份证号" allowClear enterButton="查询" style={{ width: 360 }}
        onSearch={(value) => { setQ(value.trim()); setPage(1); setSearched(true); }} />
      {archive.isError && <QueryError error={archive.error} onRetry={() => void archive.refetch()} />}
      <Table<ArchivedPerson>
        rowKey="id"
        size="small"
        loading={archive.isFetching}
        dataSource={archive.data?.items ?? []}
        locale={{ emptyText: searched ? '无匹配档案' : '输入条件后查询' }}
        pagination={{ current: page, pageSize: 20, total: archive.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 170 },
          { title: '单位', dataIndex: 'orgUnitName', width: 100 },
          { title: '批准日期', dataIndex: 'archivedOn', width: 104 },
          { title: '依据', render: (_: unknown, r) => <Evidence lines={r.evidence} /> },
          ...(canRestore ? [{
            title: '操作', width: 110,
            render: (_: unknown, r: ArchivedPerson) => <Button size="small" danger onClick={() => { setRestoring(r); }}>恢复管控</Button>,
          }] : []),
        ]}
      />
      {restoring && <RestoreModal person={restoring} onClose={() => { setRestoring(null); }} />}
    </Space>
  );
}

/** 恢复管控: a relapse after archiving brings the person back into supervision, with a reason (kept on the approved review). */
function RestoreModal({ person, onClose }: { person: ArchivedPerson; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const restore = useRestoreArchivedPerson();
  const { message } = App.useApp();
  return (
    <Modal title={`恢复管控：${person.name}`} open okText="恢复管控" okButtonProps={{ danger: true }} confirmLoading={restore.isPending}
      onOk={() => { form.submit(); }} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">恢复后该人员及其全部记录移出限制查阅档案，重新出现在所属单位的名单和统计中，状态为在管。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}
        onFinish={(v) => {
          restore.mutate({ personId: person.id, body: { reason: v.reason.trim() } }, {
            onSuccess: () => { void message.success('已恢复管控'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['reason']); },
          });
        }}>
        <Form.Item label="恢复理由" name="reason" rules={[requiredRule('请填写恢复管控理由'), { whitespace: true, message: '请填写恢复管控理由' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：再次被查获吸毒" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
