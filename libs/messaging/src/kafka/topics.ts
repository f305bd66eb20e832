import { CATEGORIES, type Category } from '@vigil/contract';

/** CONTRACT.md §6: every topic and consumer group carries the namespace prefix. */
export function topicOf(namespace: string, category: Category): string {
  return `${namespace}.${category}.v1`;
}

export const inboundTopic = (namespace: string) => `${namespace}.inbound.v1`;
export const inboundRejectedTopic = (namespace: string) => `${namespace}.inbound.rejected.v1`;
export const deadLetterTopic = (namespace: string) => `${namespace}.dead-letters.v1`;
export const consumerGroup = (namespace: string, name: string) => `${namespace}.${name}`;

/** Every topic the services create at start. */
export function allTopics(namespace: string): string[] {
  return [
    ...CATEGORIES.map((category) => topicOf(namespace, category)),
    inboundTopic(namespace),
    inboundRejectedTopic(namespace),
    deadLetterTopic(namespace),
  ];
}
