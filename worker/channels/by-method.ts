/** One channel per method (email by SMTP, texts and letters to the outbox…), seen by the send loop as one. */
import type { Method } from '../../core/index.ts';
import type { Channel } from './channel.ts';

export function channelByMethod(channels: Record<Method, Channel>): Channel {
  const distinct = [...new Set(Object.values(channels))];
  return {
    name: distinct.map((c) => c.name).join('+'),
    send: (outgoing) => channels[outgoing.method].send(outgoing),
    async close() {
      for (const channel of distinct) await channel.close();
    },
  };
}
