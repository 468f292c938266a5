import { Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { ApiError } from '@switchboard/core/errors/api-error';
import { z } from 'zod';
import { ConsoleSessionGuard, CurrentOperator, type Operator } from '../session/console-session.guard';
import { SessionsRepository } from './sessions.repository';

const sessionParams = z.object({ sessionId: z.string().min(1).max(64) });

/** The caller's own sessions: every browser they are signed in on, sign one out, or all but this one. */
@Controller('console/v1/sessions')
@UseGuards(ConsoleSessionGuard)
export class SessionsController {
  constructor(private readonly sessions: SessionsRepository) {}

  @Get()
  async list(@CurrentOperator() op: Operator) {
    const rows = await this.sessions.active(op.user.id, new Date());
    return {
      data: rows.map((s) => ({
        id: s.id,
        current: s.id === op.sessionId,
        created_at: s.createdAt.toISOString(),
        last_active_at: s.updatedAt.toISOString(),
        expires_at: s.expiresAt.toISOString(),
        ip_address: s.ipAddress,
        user_agent: s.userAgent,
      })),
    };
  }

  @Delete(':sessionId')
  async revoke(@CurrentOperator() op: Operator, @Param(valid(sessionParams)) p: { sessionId: string }) {
    if (!(await this.sessions.revoke(op.user.id, p.sessionId))) throw ApiError.notFound(`session '${p.sessionId}'`);
    return { success: true };
  }

  @Post('revoke-others')
  @HttpCode(200)
  async revokeOthers(@CurrentOperator() op: Operator) {
    return { revoked: await this.sessions.revokeAllBut(op.user.id, op.sessionId) };
  }
}
