/** A real SMTP server on loopback for the tests (smtp-server): no TLS, no login needed. */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export type OnData = (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void, cut: () => void) => void;

/** Takes every message and answers 250. */
const accept: OnData = (stream, _session, callback) => {
  stream.resume();
  stream.on('end', () => callback());
};

/**
 * Listens on 127.0.0.1 (a free port) and hands each message to `onData`, with `cut` to drop every
 * open connection. A client killed mid-conversation resets its connection: expected, not a failure.
 */
export async function localSmtpServer(onData: OnData = accept): Promise<{ port: number; stop: () => Promise<void> }> {
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => onData(stream, session, callback, cut),
  });
  // smtp-server keeps each client's socket on its connection object.
  const cut = () => {
    for (const connection of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy();
  };
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The Message-ID and Subject lines of a message as it arrived. */
export function headerOf(raw: string, name: 'Message-ID' | 'Subject'): string {
  return new RegExp(`^${name}: (.*)$`, 'im').exec(raw)?.[1]?.trim() ?? '?';
}
