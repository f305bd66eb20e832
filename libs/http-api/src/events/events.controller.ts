import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { type AuthenticatedRequest, ProblemError, Roles, problems } from '@vigil/platform';
import { IngestService, parseBatch } from '@vigil/ingest';
import { Answers } from '../csv/negotiation.interceptor';

@Controller('v1/events')
export class EventsController {
  constructor(private readonly ingest: IngestService) {}

  /** One envelope or an array of up to 1,000, applied in order (CONTRACT.md §5). */
  @Post()
  @HttpCode(200)
  @Roles('upstream')
  @Answers('postEvents')
  async post(@Body() body: unknown, @Req() request: AuthenticatedRequest) {
    if (body === undefined || body === null || typeof body !== 'object') {
      throw problems.validation([{ path: '', message: 'expected a JSON object or array', code: 'invalid_type' }]);
    }
    const parsed = parseBatch(body, { now: new Date() });
    if (!parsed.ok) throw new ProblemError(400, parsed.code, 'Invalid request', parsed.detail, parsed.problems);
    const results = await this.ingest.ingest(parsed.envelopes, request.principal);
    const [only] = results;
    if (parsed.single && only?.status === 'rejected' && only.code === 'OUT_OF_SCOPE') {
      throw problems.forbidden('OUT_OF_SCOPE', only.message);
    }
    return { results };
  }
}
