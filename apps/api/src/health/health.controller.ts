import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. Says nothing about its dependencies (that is /ready). */
  @Get('health')
  live() {
    return { status: 'ok', uptime_s: Math.round(process.uptime()) };
  }

  /** Readiness: Postgres and Redis answer and every shipped migration is applied. 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const r = await this.health.readiness();
    reply.status(r.ready ? 200 : 503);
    return { status: r.ready ? 'ready' : 'not_ready', checks: r.checks, ...(r.ready ? {} : { details: r.details }) };
  }
}
