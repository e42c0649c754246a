import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Ok, PUT_TEST_POLICY_LABELS, TestPolicyBody, TestPolicyList, TestPolicyParams } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { TestPoliciesService } from './test-policies.service.ts';

const TAGS = ['社区戒毒（康复）管控'];

/** 检测频次设置: read and set by the office, under the permission of the other supervision rule settings (alerts.manage). */
export function testPoliciesRoutes(policies: TestPoliciesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/test-policies', {
      schema: { tags: TAGS, response: { 200: TestPolicyList } },
      config: { permission: 'alerts.manage' },
    }, async (req) => ({ items: await policies.list(authed(req)) }));

    app.put('/api/test-policies/:orgUnitId', {
      schema: { tags: TAGS, params: TestPolicyParams, body: TestPolicyBody, response: { 200: Ok } },
      config: { permission: 'alerts.manage', fieldLabels: PUT_TEST_POLICY_LABELS },
    }, (req) => policies.put(authed(req), req.params.orgUnitId, req.body));

    app.delete('/api/test-policies/:orgUnitId', {
      schema: { tags: TAGS, params: TestPolicyParams, response: { 200: Ok } },
      config: { permission: 'alerts.manage' },
    }, (req) => policies.clear(authed(req), req.params.orgUnitId));
  };
}
