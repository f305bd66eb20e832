import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { HealthRegistry } from './health.registry';

@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  /** 200 when every dependency answers, 503 with each one's reason otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const report = await this.registry.readiness();
    response.status(report.status === 'up' ? 200 : 503);
    return report;
  }
}
