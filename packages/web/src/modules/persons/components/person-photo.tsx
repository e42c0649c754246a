import { DeleteOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Popconfirm, Space, Spin, Upload } from 'antd';
import type { PersonDetail } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useCan } from '../../auth/index.ts';
import { photoFileProblem, useDeletePersonPhoto, usePersonPhoto, useUploadPersonPhoto } from '../use-person-photo.ts';

/** The person's photo (照片) in the page header: a placeholder when none, upload / replace / delete with persons.write. */
export function PersonPhoto({ person }: { person: Pick<PersonDetail, 'id' | 'name' | 'hasPhoto'> }) {
  const canWrite = useCan('persons.write');
  const { message } = App.useApp();
  const photo = usePersonPhoto(person);
  const upload = useUploadPersonPhoto(person.id);
  const remove = useDeletePersonPhoto(person.id);
  const choose = (file: File) => {
    const problem = photoFileProblem(file);
    if (problem) {
      void message.error(problem);
      return;
    }
    upload.mutate(file, {
      onSuccess: () => void message.success(person.hasPhoto ? '已更换照片' : '已上传照片'),
      onError: (error) => { showFormError(error, message); },
    });
  };
  return (
    <Space direction="vertical" align="center" size="small" data-testid="person-photo">
      <Spin spinning={photo.isLoading || upload.isPending}>
        <Avatar
          shape="square"
          size={112}
          icon={<UserOutlined />}
          {...(photo.url ? { src: photo.url, alt: `${person.name}的照片` } : {})}
          data-testid={photo.url ? 'person-photo-image' : 'person-photo-placeholder'}
        />
      </Spin>
      {canWrite && (
        <Space size={4}>
          <Upload accept=".jpg,.jpeg,.png,image/jpeg,image/png" showUploadList={false} beforeUpload={(file) => { choose(file); return false; }}>
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {person.hasPhoto ? '更换照片' : '上传照片'}
            </Button>
          </Upload>
          {person.hasPhoto && (
            <Popconfirm
              title="删除照片？"
              okText="删除"
              cancelText="取消"
              onConfirm={() => {
                remove.mutate(undefined, {
                  onSuccess: () => void message.success('已删除照片'),
                  onError: (error) => { showFormError(error, message); },
                });
              }}
            >
              <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending}>删除照片</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Space>
  );
}
