/**
 * Graph mail pacing: the Graph channel sending to the loopback Graph server (which answers 429, as
 * Exchange Online does, to a burst past the limit or more than 4 requests at once) with 600 a
 * minute configured. Target: the rate achieved within 5% of the limit, and no 429 provoked. Run
 * twice: one message at a time, as the send loop hands them over, and all at once (as a queue
 * shared by several workers could), where the pacer alone keeps the rate.
 *
 *   node --import tsx bench/graph.ts        # 150 messages each way, about 15 s each
 */
import type { OutgoingMessage } from '../worker/channels/channel.ts';
import { graphMailChannel } from '../worker/channels/graph-mail.ts';
import { handedToken } from '../worker/channels/graph-token.ts';
import { GRAPH_DEFAULTS } from '../worker/config.ts';
import { localGraphServer } from '../test/worker/support/graph-server.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 150);
const PER_MINUTE = 600;

const message = (i: number): OutgoingMessage => ({
  actionId: `bench-${i}`,
  method: 'Email',
  to: `customer${i}@example.com`,
  from: { name: 'Whitfield Motors', email: 'service@whitfield.example', smsSender: 'Whitfield' },
  message: { channel: 'email', subject: `Your MOT is due (${i})`, html: '<p>Dear customer, your MOT is due.</p>', text: 'Dear customer, your MOT is due.', headers: {} },
});

async function run(way: 'one at a time' | 'all at once') {
  const server = await localGraphServer({ token: 'bench-token', limits: { perMinute: PER_MINUTE, concurrency: 4 } });
  const channel = graphMailChannel({ ...GRAPH_DEFAULTS, baseUrl: server.url, auth: 'app', perMinute: PER_MINUTE }, { tokens: handedToken('bench-token'), now: () => new Date() });
  const outcomes = way === 'one at a time'
    ? await (async () => {
        const all = [];
        for (let i = 0; i < MESSAGES; i += 1) all.push(await channel.send(message(i)));
        return all;
      })()
    : await Promise.all(Array.from({ length: MESSAGES }, (_, i) => channel.send(message(i))));
  await channel.close();
  await server.stop();
  const accepted = server.requests.map((r) => r.at).sort((a, b) => a - b);
  // Rate between the first and last request: n − 1 gaps, so a run of any length is measured fairly.
  const rate = ((accepted.length - 1) / (accepted.at(-1)! - accepted[0]!)) * 60_000;
  const sent = outcomes.filter((o) => o.state === 'sent').length;
  const within = Math.abs(rate - PER_MINUTE) / PER_MINUTE <= 0.05;
  console.log(`${way.padEnd(13)}  ${sent}/${MESSAGES} sent  ${rate.toFixed(1)}/min against ${PER_MINUTE}/min configured (${(((rate - PER_MINUTE) / PER_MINUTE) * 100).toFixed(2)}%)  429s provoked: ${server.throttled}  most at once: ${server.maxConcurrent}  ${within && server.throttled === 0 && sent === MESSAGES ? 'ok' : 'MISSED'}`);
  return within && server.throttled === 0 && sent === MESSAGES;
}

console.log(`Graph mail: ${MESSAGES} messages to the loopback Graph server, ${PER_MINUTE}/minute configured, at most 4 at once`);
const results = [await run('one at a time'), await run('all at once')];
if (!results.every(Boolean)) process.exitCode = 1;
