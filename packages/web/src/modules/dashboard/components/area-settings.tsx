import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ORG_KIND_LABELS, type AreaMap, type AreaUnit, type AreaUploadResult } from '@qingyuan/shared';
import { api } from '../../../app/api-client.ts';
import { showFormError } from '../../../app/form-errors.ts';

/**
 * 辖区概况: upload the areas' boundaries (GeoJSON) and set the resident population of the unit and each of its areas —
 * every one, with or without a boundary (office).
 */
export function AreaSettings({ map, open, onClose }: { map: AreaMap; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [residents, setResidents] = useState<Record<string, number | null>>({});
  const refresh = () => client.invalidateQueries({ queryKey: ['dashboard'] });
  const upload = useMutation({
    mutationFn: (body: unknown) => api.put<AreaUploadResult>('/api/areas/geometry', body),
    onSuccess: async (result) => {
      void message.success(`已更新${String(result.updated)}个单位的边界：${result.units.map((u) => u.name).join('、')}`);
      await refresh();
    },
    onError: (error) => { showFormError(error, message); },
  });
  const save = useMutation({
    mutationFn: ({ id, value }: { id: string; value: number }) => api.put(`/api/areas/${id}/residents`, { residents: value }),
    onSuccess: async () => {
      void message.success('常住人口已保存');
      await refresh();
    },
    onError: (error) => { showFormError(error, message); },
  });
  return (
    <Modal title="辖区概况" open={open} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          上传 GeoJSON（FeatureCollection，每个区域的属性中给出 orgUnitId、divisionCode 或 name）作为下级单位的地图边界；
          常住人口用于计算“每万人”指标，未上传边界的单位也可填写。
        </Typography.Paragraph>
        <Upload
          accept=".geojson,.json,application/geo+json,application/json"
          showUploadList={false}
          beforeUpload={async (file) => {
            try {
              upload.mutate(JSON.parse(await file.text()) as unknown);
            } catch {
              void message.error('文件不是有效的 JSON');
            }
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>上传边界文件</Button>
        </Upload>
        <Table<AreaUnit>
          size="small"
          rowKey="orgUnitId"
          pagination={false}
          scroll={{ y: 420 }}
          dataSource={map.units}
          data-testid="area-residents"
          columns={[
            { title: '单位', render: (_, u) => u.name },
            { title: '类型', width: 90, render: (_, u) => ORG_KIND_LABELS[u.kind] },
            { title: '地图边界', width: 100, render: (_, u) => (u.hasBoundary ? <Tag color="success">已上传</Tag> : <Tag>未上传</Tag>) },
            {
              title: '常住人口',
              width: 210,
              render: (_, u) => (
                <Space>
                  <InputNumber
                    aria-label={`${u.name}常住人口`}
                    min={0}
                    precision={0}
                    placeholder="未填写"
                    value={residents[u.orgUnitId] ?? u.residents}
                    onChange={(value) => { setResidents({ ...residents, [u.orgUnitId]: value }); }}
                  />
                  <Button
                    size="small"
                    aria-label={`保存${u.name}常住人口`}
                    disabled={residents[u.orgUnitId] === undefined || residents[u.orgUnitId] === null}
                    onClick={() => { save.mutate({ id: u.orgUnitId, value: residents[u.orgUnitId] ?? 0 }); }}
                  >
                    保存
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
