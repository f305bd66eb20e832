import { type DynamicModule, Module } from '@nestjs/common';
import { IngestModule } from '@vigil/ingest';
import { consumerGroup, inboundTopic } from '../kafka/topics';
import { inboundControllerFor } from './inbound.controller';
import { InboundService } from './inbound.service';

/** Envelopes from upstream producers on `<namespace>.inbound.v1`; pair with `connectInbound` at start. */
@Module({})
export class InboundModule {
  static forNamespace(namespace: string): DynamicModule {
    return {
      module: InboundModule,
      imports: [IngestModule],
      controllers: [inboundControllerFor(inboundTopic(namespace), consumerGroup(namespace, 'inbound'))],
      providers: [InboundService],
    };
  }
}
