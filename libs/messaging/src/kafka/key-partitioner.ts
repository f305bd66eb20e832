import { type ICustomPartitioner, Partitioners } from 'kafkajs';

/** Keys remembered per partition count; a relay sees each stream again and again, about 100 B a key. */
const MAX_KEYS = 100_000;

/**
 * kafkajs's DefaultPartitioner (murmur2 of the key, as the Java client), remembering the partition
 * of each string key: hashing every message's key again was several per cent of the relay's CPU.
 */
export const KeyCachingPartitioner: ICustomPartitioner = () => {
  const partitionOf = Partitioners.DefaultPartitioner();
  const byPartitionCount = new Map<number, Map<string, number>>();
  return (args) => {
    const key = args.message.key;
    if (typeof key !== 'string') return partitionOf(args);
    let known = byPartitionCount.get(args.partitionMetadata.length);
    if (!known || known.size >= MAX_KEYS) byPartitionCount.set(args.partitionMetadata.length, (known = new Map()));
    let partition = known.get(key);
    if (partition === undefined) known.set(key, (partition = partitionOf(args)));
    return partition;
  };
};
