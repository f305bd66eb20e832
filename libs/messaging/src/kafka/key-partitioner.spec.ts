import { type PartitionerArgs, type PartitionMetadata, Partitioners } from 'kafkajs';
import { KeyCachingPartitioner } from './key-partitioner';

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));

describe('the relay partitioner', () => {
  it('puts every key where the DefaultPartitioner does, the first time and from memory, whatever the partition count', () => {
    const cached = KeyCachingPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    const keys = Array.from({ length: 500 }, (_, i) => (i % 2 ? `case-LC-2024-${i}` : `measure-VN-${i}-Hà Nội`));
    for (const count of [6, 1, 12, 6]) {
      for (const key of [...keys, ...keys]) {
        const args: PartitionerArgs = { topic: 'ns.cases.v1', partitionMetadata: metadata(count), message: { key, value: '{}' } };
        expect(cached(args)).toBe(reference(args));
      }
    }
  });
});
