import { Controller, Get, Header } from '@nestjs/common';
import { Roles } from '../auth/auth.guard';
import { Metrics } from './metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Prometheus text format; scraping needs an operator token (CONTRACT.md §5: only /health and /docs are open). */
  @Get()
  @Roles('operator')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
