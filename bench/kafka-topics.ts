import type { LoadedConfig } from '../shared/config/load.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { kafkaSettings } from '../shared/config/settings.ts';

// Scratch topics the benchmarks write to beside the election's own (the Kafka ceiling, the
// simulator's max rate), created fresh and deleted afterwards.

export async function withScratchTopic<T>(config: LoadedConfig, topic: string, run: () => Promise<T>): Promise<T> {
  const admin = createKafka(kafkaSettings(config), 'bench-admin').admin();
  await admin.connect();
  try {
    await dropTopic(admin, topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: config.env.kafka.partitions, replicationFactor: -1 }], waitForLeaders: true });
    return await run();
  } finally {
    await dropTopic(admin, topic).catch(() => undefined);
    await admin.disconnect();
  }
}

async function dropTopic(admin: ReturnType<ReturnType<typeof createKafka>['admin']>, topic: string): Promise<void> {
  if (!(await admin.listTopics()).includes(topic)) return;
  await admin.deleteTopics({ topics: [topic], timeout: 30_000 });
  for (let i = 0; i < 100 && (await admin.listTopics()).includes(topic); i++) await new Promise((r) => setTimeout(r, 200));
}
