/**
 * `retention doctor`'s checks of the configured Graph mail and SMS provider, in words a garage can
 * act on: Microsoft 365 signs the app in (a token is really fetched), and which provider texts go by.
 */
import type { WorkerConfig } from './config.ts';

export interface Finding {
  ok: boolean;
  text: string;
}

export async function channelFindings(config: WorkerConfig, configPath: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { graph, sms } = config;
  if (graph) {
    const limits = `at most ${graph.perMinute} a minute and ${graph.perDay.toLocaleString('en-GB')} a day per mailbox`;
    if ('token' in graph.credentials) {
      findings.push({ ok: true, text: `Emails go through Microsoft 365 as the signed-in user (/me/sendMail, token from RETENTION_GRAPH_TOKEN), ${limits}.` });
    } else {
      const { appToken, readCertificate } = await import('./channels/graph-token.ts');
      const { certificatePem } = graph.credentials;
      const certificate = certificatePem ? await readCertificate(certificatePem) : null;
      if (certificate && 'problem' in certificate) findings.push({ ok: false, text: certificate.problem });
      else {
        const signedIn = await appToken(graph.credentials).token().then(() => null, (error: Error) => error.message);
        findings.push(signedIn === null
          ? { ok: true, text: `Microsoft 365 signs the app ${graph.credentials.clientId} in (${certificate ? 'certificate' : 'client secret'}): emails go from the Sender mailbox on Settings, ${limits}.` }
          : { ok: false, text: `${signedIn} Check email.graph in ${configPath} (tenantId, clientId, the certificate or RETENTION_GRAPH_CLIENT_SECRET), and that an admin granted the app Mail.Send.` });
        if (!certificate) findings.push({ ok: true, text: 'The app signs in with a client secret: a certificate is safer (it cannot leak from the environment, and lasts longer). Name its PEM file as email.graph.certificate.' });
      }
    }
  }
  if (sms) {
    const which = sms.provider === 'twilio' ? `Twilio (account ${sms.accountSid})` : sms.provider === 'smsworks' ? 'The SMS Works' : `the webhook ${sms.url}`;
    const polled = sms.provider === 'webhook' ? 'it keeps no delivery reports' : 'delivery is asked of it afterwards';
    findings.push({ ok: true, text: `Texts go through ${which}, at most ${sms.perMinute} a minute; ${polled}.` });
  } else {
    findings.push({ ok: true, text: `No SMS provider in ${configPath}: texts go to the outbox folder (texts.jsonl).` });
  }
  return findings;
}
