import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { AreaMap, AreaUploadResult } from '@qingyuan/shared';
import { api } from '../../../app/api-client.ts';
import { showFormError } from '../../../app/form-errors.ts';

/** 辖区概况: upload the areas' boundaries (GeoJSON) and set each area's resident population (office). */
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
    <Modal title="辖区概况" open={open} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          上传 GeoJSON（FeatureCollection，每个区域的属性中给出 orgUnitId、divisionCode 或 name）作为下级单位的地图边界；
          常住人口用于计算“每万人”指标。
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
        <Table
          size="small"
          rowKey={(f) => f.properties.orgUnitId}
          pagination={false}
          dataSource={map.features}
          columns={[
            { title: '单位', render: (_, f) => f.properties.name },
            {
              title: '常住人口',
              render: (_, f) => (
                <Space>
                  <InputNumber
                    aria-label={`${f.properties.name}常住人口`}
                    min={0}
                    precision={0}
                    value={residents[f.properties.orgUnitId] ?? f.properties.residents}
                    onChange={(value) => { setResidents({ ...residents, [f.properties.orgUnitId]: value }); }}
                  />
                  <Button
                    size="small"
                    disabled={residents[f.properties.orgUnitId] === undefined || residents[f.properties.orgUnitId] === null}
                    onClick={() => { save.mutate({ id: f.properties.orgUnitId, value: residents[f.properties.orgUnitId] ?? 0 }); }}
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
