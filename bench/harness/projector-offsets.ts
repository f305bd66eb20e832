import { consumerGroup, topicOf } from '@vigil/messaging';
import { PROJECTIONS } from '@vigil/projections';
import { type Admin, Kafka, logLevel } from 'kafkajs';

/** How far one projection's consumer group has got: offsets committed (applied) and at the end of its topics. */
export interface ProjectionOffsets {
  readonly name: string;
  readonly committed: number;
  readonly end: number;
}

/** The projector of a namespace as Kafka sees it: each projection's group against its topics. */
export class ProjectorOffsets {
  private readonly admin: Admin;

  constructor(
    brokers: string,
    private readonly namespace: string,
  ) {
    this.admin = new Kafka({ clientId: 'vigil-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  /** The messages of each topic of the namespace's categories (topics not created yet count 0). */
  async topicEnds(): Promise<Map<string, number>> {
    const existing = new Set(await this.admin.listTopics());
    const topics = [...new Set(PROJECTIONS.flatMap((p) => p.categories.map((c) => topicOf(this.namespace, c))))];
    const ends = new Map<string, number>();
    for (const topic of topics) {
      const offsets = existing.has(topic) ? await this.admin.fetchTopicOffsets(topic) : [];
      ends.set(
        topic,
        offsets.reduce((sum, partition) => sum + Number(partition.high), 0),
      );
    }
    return ends;
  }

  /** Each projection's committed offsets (a group that never committed counts 0) against `ends`. */
  async read(ends: ReadonlyMap<string, number>): Promise<ProjectionOffsets[]> {
    return Promise.all(
      PROJECTIONS.map(async (projection) => {
        const topics = projection.categories.map((category) => topicOf(this.namespace, category));
        const groupId = consumerGroup(this.namespace, `projector.${projection.name}`);
        const present = topics.filter((topic) => ends.has(topic) && ends.get(topic)! > 0);
        const fetched = present.length > 0 ? await this.admin.fetchOffsets({ groupId, topics: present }) : [];
        const committed = fetched
          .flatMap((topic) => topic.partitions)
          .reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
        const end = topics.reduce((sum, topic) => sum + (ends.get(topic) ?? 0), 0);
        return { name: projection.name, committed, end };
      }),
    );
  }

  /** Waits until every projection has applied everything published so far; fails after `stallMs` without progress. */
  async waitCaughtUp(stallMs: number, onPoll: (offsets: readonly ProjectionOffsets[]) => void): Promise<void> {
    const ends = await this.topicEnds();
    let last = { committed: -1, at: performance.now() };
    for (;;) {
      const offsets = await this.read(ends);
      if (offsets.every((o) => o.committed >= o.end)) return;
      onPoll(offsets);
      const committed = offsets.reduce((sum, o) => sum + o.committed, 0);
      const now = performance.now();
      if (committed !== last.committed) last = { committed, at: now };
      else if (now - last.at > stallMs)
        throw new Error(`projector of ${this.namespace} made no progress for ${stallMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
