import { Controller, type Type } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext, Payload } from '@nestjs/microservices';
import type { ReceivedMessage } from '../codec/dead-letters';
import { withInboundSpan } from './inbound-span';
import { InboundService } from './inbound.service';

/** The topic carries the namespace, known only at start-up: the controller is made for it. */
export function inboundControllerFor(topic: string, group: string): Type<unknown> {
  @Controller()
  class InboundController {
    constructor(private readonly inbound: InboundService) {}

    @EventPattern<string>(topic)
    handle(@Payload() _value: unknown, @Ctx() context: KafkaContext): Promise<void> {
      const message = context.getMessage();
      const received: ReceivedMessage = {
        topic: context.getTopic(),
        partition: context.getPartition(),
        message: {
          offset: message.offset,
          key: (message.key as Buffer | null) ?? null,
          value: (message.value as Buffer | null) ?? null,
          headers: message.headers,
        },
      };
      return withInboundSpan(received, group, () => this.inbound.handle(received));
    }
  }
  return InboundController;
}
