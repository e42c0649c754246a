import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateReportJob, IndicatorDefinitionDto, ReportJobList, ReportKind, ReportPreview, ReportTemplateDto, ReportTemplateInput } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import type { ReportParams } from './use-report-params.ts';

const reportKeys = {
  all: ['reports'] as const,
  preview: (params: ReportParams) => [...reportKeys.all, 'preview', params] as const,
  template: (kind: ReportKind) => [...reportKeys.all, 'template', kind] as const,
  jobs: (page: number) => [...reportKeys.all, 'jobs', page] as const,
  indicators: () => [...reportKeys.all, 'indicators'] as const,
};

export function useReportPreview(params: ReportParams) {
  const { kind, ...query } = params;
  return useQuery({
    queryKey: reportKeys.preview(params),
    queryFn: () => api.get<ReportPreview>(`/api/reports/${kind}/preview`, { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useReportTemplate(kind: ReportKind) {
  return useQuery({ queryKey: reportKeys.template(kind), queryFn: () => api.get<ReportTemplateDto>(`/api/reports/templates/${kind}`) });
}

/** The indicator library (registry definitions) a template may name, for the editor's pickers. */
export function useIndicatorLibrary() {
  return useQuery({ queryKey: reportKeys.indicators(), queryFn: () => api.get<{ items: IndicatorDefinitionDto[] }>('/api/indicators'), staleTime: 600_000 });
}

export function useSaveReportTemplate(kind: ReportKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportTemplateInput) => api.put<ReportTemplateDto>(`/api/reports/templates/${kind}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

/** 生成任务: polled every 1.5 s while a job is queued or running. */
export function useReportJobs(page: number, pageSize = 10) {
  return useQuery({
    queryKey: reportKeys.jobs(page),
    queryFn: () => api.get<ReportJobList>('/api/reports/jobs', { page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 1500 : false),
  });
}

export function useCreateReportJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReportJob) => api.post<{ id: string }>('/api/reports/jobs', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...reportKeys.all, 'jobs'] }),
  });
}

export function useDeleteReportJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<undefined>(`/api/reports/jobs/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: [...reportKeys.all, 'jobs'] }),
  });
}
