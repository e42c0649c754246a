import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateUser, IdParams, PageQuery, SetRoles, TemporaryPassword, UpdateUser, User, UserListQuery, listResponse } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { UsersService } from './users.service.ts';


export function usersRoutes(users: UsersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', {
      schema: { tags: ['账号管理'], querystring: UserListQuery.extend(PageQuery.shape), response: { 200: listResponse(User) } },
      config: { permission: 'users.read' },
    }, (req) => {
      const { page, pageSize, active, ...rest } = req.query;
      return users.list(authed(req), { ...rest, active: active === undefined ? undefined : active === 'true' }, page, pageSize);
    });

    app.get('/api/users/:id', {
      schema: { tags: ['账号管理'], params: IdParams, response: { 200: User } },
      config: { permission: 'users.read' },
    }, (req) => users.get(authed(req), req.params.id));

    app.post('/api/users', {
      schema: { tags: ['账号管理'], body: CreateUser, response: { 201: TemporaryPassword } },
      config: { permission: 'users.write' },
    }, async (req, reply) => reply.status(201).send(await users.create(authed(req), req.body)));

    app.patch('/api/users/:id', {
      schema: { tags: ['账号管理'], params: IdParams, body: UpdateUser, response: { 200: User } },
      config: { permission: 'users.write' },
    }, (req) => users.update(authed(req), req.params.id, req.body));

    app.post('/api/users/:id/reset-password', {
      schema: { tags: ['账号管理'], params: IdParams, response: { 200: TemporaryPassword } },
      config: { permission: 'users.write' },
    }, (req) => users.resetPassword(authed(req), req.params.id));

    app.post('/api/users/:id/unlock', {
      schema: { tags: ['账号管理'], params: IdParams, response: { 200: User } },
      config: { permission: 'users.write' },
    }, (req) => users.unlock(authed(req), req.params.id));

    app.put('/api/users/:id/roles', {
      schema: { tags: ['账号管理'], params: IdParams, body: SetRoles, response: { 200: User } },
      config: { permission: 'users.grant' },
    }, (req) => users.setRoles(authed(req), req.params.id, req.body.roles));
  };
}
