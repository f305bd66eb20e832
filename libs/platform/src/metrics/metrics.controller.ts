import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/auth.guard';
import { Metrics } from './metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /**
   * Prometheus text format; on the API port scraping needs an operator token (CONTRACT.md §5: only
   * /health and /docs are open). A stock Prometheus scrapes the management port instead (MetricsServer).
   */
  @Get()
  @Roles('operator')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.text();
  }
}
