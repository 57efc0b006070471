/**
 * Send approved from the pane: first what will go (per channel, the texts' SMS parts, what the
 * mailbox may still send today, the rows that cannot go and why), then the send itself, each
 * row's Status, Sent At and Reference written back on Due Actions as the worker reports them.
 * Refresh statuses brings in what finished later.
 */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { londonDate } from '../../core/index.ts';
import { refreshStatuses, sendApproved, type Outcome } from '../shared/send-approved.ts';
import { checkSend } from '../shared/session.ts';
import type { SendPreview } from '../shared/worker-api.ts';
import { loadSettings } from '../shared/worker-settings.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The pane waits this long for the worker to finish before writing; what is still going, Refresh statuses writes. */
const WAIT_FOR_STATUSES_MS = 20_000;

type Checked = { approved: number; preview: SendPreview | null; notGoing: { actionId: string; reason: string }[] };

function Reasons({ rows }: { rows: { actionId: string; reason: string }[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {rows.slice(0, 50).map((r) => (
        <li key={r.actionId}>
          {r.actionId}: {r.reason}
        </li>
      ))}
      {rows.length > 50 && <li>and {rows.length - 50} more</li>}
    </ul>
  );
}

export function SendView() {
  const styles = useStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ title: string; outcome: Outcome } | null>(null);

  async function check() {
    setBusy('Working out what will go…');
    setProblem(null);
    setChecked(null);
    setDone(null);
    try {
      const reply = await checkSend(loadSettings(), londonDate(new Date()));
      if (reply.type === 'refused') return setProblem(reply.reason);
      if (reply.type !== 'send-checked') return;
      if (reply.approved === 0 && reply.notGoing.length === 0) return setProblem('No row on Due Actions is set to Yes under Approve (rows already sent are not offered again).');
      setChecked({ approved: reply.approved, preview: reply.preview, notGoing: reply.notGoing });
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    setBusy('Sending… each row\'s Status is written on Due Actions as it goes.');
    try {
      setDone({ title: 'Send approved', outcome: await sendApproved(loadSettings(), new Date(), WAIT_FOR_STATUSES_MS) });
      setChecked(null);
    } finally {
      setBusy(null);
    }
  }

  async function refresh() {
    setBusy('Asking the worker how each row went…');
    setDone(null);
    try {
      setDone({ title: 'Refresh statuses', outcome: await refreshStatuses(loadSettings(), new Date()) });
    } finally {
      setBusy(null);
    }
  }

  const preview = checked?.preview ?? null;
  const cannot = checked ? [...checked.notGoing, ...(preview?.refused ?? [])] : [];
  const going = checked && preview ? Object.values(preview.byChannel).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className={styles.view} aria-label="Send approved">
      <Text>Sends the rows set to Yes under Approve on Due Actions, through the worker, and writes each row's Status, Sent At and Reference back.</Text>
      <div className={styles.buttons}>
        <Button appearance={checked ? 'secondary' : 'primary'} onClick={() => void check()} disabled={busy !== null}>
          Check what will go
        </Button>
        <Button onClick={() => void refresh()} disabled={busy !== null}>
          Refresh statuses
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={busy} />}
      {problem && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {checked && (
        <>
          <Subtitle2 as="h2">{going} ready to go</Subtitle2>
          {preview && (
            <ul className={styles.list}>
              {Object.entries(preview.byChannel).map(([channel, count]) => (
                <li key={channel}>
                  {channel}: {count}
                  {channel === 'SMS' ? ` (${preview.smsSegments} SMS parts)` : ''}
                </li>
              ))}
              {preview.mailboxRemainingToday !== null && <li>The mailbox may send {preview.mailboxRemainingToday} more emails today.</li>}
            </ul>
          )}
          {cannot.length > 0 && (
            <>
              <Subtitle2 as="h2">{cannot.length} cannot go</Subtitle2>
              <Reasons rows={cannot} />
            </>
          )}
          <div>
            <Button appearance="primary" onClick={() => void send()} disabled={busy !== null || going === 0}>
              Send {going}
            </Button>
          </div>
        </>
      )}
      {done && (
        <MessageBar intent={done.outcome.ok ? 'success' : 'error'} role="status" data-testid="send-outcome">
          <MessageBarBody>
            <MessageBarTitle>{done.title}</MessageBarTitle>
            {done.outcome.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
