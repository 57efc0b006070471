/**
 * Individual process, as the DMS's retention centre has it: find one customer (name, account code
 * or registration), choose the contact due, what it is about and the medium, see exactly what
 * will go, and send that one. The customers and the schedule are those of the exports loaded this
 * session (the session worker); the message is rendered and sent by the worker.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  Button,
  Caption1,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  SearchBox,
  Select,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { londonDate, type CustomerMatch, type IndividualContactDue, type IndividualMethod, type Method } from '../../core/index.ts';
import { previewOne, sendOne, statusOf, type PreviewedRow, type RowReply, type RowStatus, type RowToSend as OneRow } from '../shared/worker-api.ts';
import { loadSettings } from '../shared/worker-settings.ts';
import { awaitOutcome, recordIndividualSend } from './individual-record.ts';
import { ask, openSession } from '../shared/session.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { display: 'flex', flexDirection: 'column', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium },
  option: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    cursor: 'pointer',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  },
  chosen: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground1 },
  why: { color: tokens.colorNeutralForeground2 },
  message: { whiteSpace: 'pre-wrap', fontFamily: tokens.fontFamilyBase, margin: 0 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type Failure = { title: string; text: string } | null;

export function IndividualView() {
  const styles = useStyles();
  const [opening, setOpening] = useState(true);
  const [failure, setFailure] = useState<Failure>(null);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerMatch[]>([]);
  const [customer, setCustomer] = useState<CustomerMatch | null>(null);

  useEffect(() => {
    let live = true;
    const settings = loadSettings();
    void openSession(londonDate(new Date()), settings.by).then((reply) => {
      if (!live) return;
      setOpening(false);
      if (reply.type === 'refused') setFailure({ title: 'Nothing to search yet', text: reply.reason });
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (opening || failure) return;
    let live = true;
    void ask({ type: 'find', query }).then((reply) => {
      if (!live) return;
      if (reply.type === 'found') setMatches(reply.matches);
      else if (reply.type === 'refused') setFailure({ title: 'The search stopped', text: reply.reason });
    });
    return () => {
      live = false;
    };
  }, [query, opening, failure]);

  return (
    <section className={styles.view} aria-label="Individual process">
      <Text>Send one contact to one customer now: find them, choose what to send and how, preview it, send it.</Text>
      {opening && <Spinner size="small" label="Getting this session's customers ready…" />}
      {failure && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{failure.title}</MessageBarTitle>
            {failure.text}
          </MessageBarBody>
        </MessageBar>
      )}
      {!opening && !failure && (
        <>
          <Field label="Find a customer" hint="Name, account code or registration">
            <SearchBox value={query} onChange={(_, data) => setQuery(data.value)} autoComplete="off" data-testid="customer-search" />
          </Field>
          {query.trim() !== '' && <Results matches={matches} chosen={customer?.code ?? null} onChoose={setCustomer} />}
          {customer && <ContactChoice key={customer.code} customer={customer} />}
        </>
      )}
    </section>
  );
}

/** The customers found: arrow keys move between them, Enter or Space chooses one. */
function Results({ matches, chosen, onChoose }: { matches: CustomerMatch[]; chosen: string | null; onChoose: (match: CustomerMatch) => void }) {
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);
  if (matches.length === 0) return <Caption1 role="status">Nobody found. Try part of the surname, the account code or the registration.</Caption1>;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number) {
    const options = [...(list.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
    const move = (to: number) => {
      event.preventDefault();
      options[Math.max(0, Math.min(options.length - 1, to))]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(options.length - 1);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose(matches[index]!);
    }
  }

  return (
    <div ref={list} role="listbox" aria-label="Customers found" className={styles.list}>
      {matches.map((m, index) => (
        <div
          key={m.code}
          role="option"
          aria-selected={m.code === chosen}
          tabIndex={index === 0 ? 0 : -1}
          className={mergeClasses(styles.option, m.code === chosen && styles.chosen)}
          onClick={() => onChoose(m)}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          <Text weight="semibold">{m.name}</Text>
          <Caption1>
            {m.code}
            {m.registrations.length > 0 && ` · ${m.registrations.join(', ')}`}
            {m.postcode && ` · ${m.postcode}`}
          </Caption1>
        </div>
      ))}
    </div>
  );
}

/** What the worker said of the contact: its answer on handing over, or its status since. */
type SentRow = { status: string | null; sentAt: string | null; reference: string; reason?: string; state?: RowReply['state']; contactLog?: RowStatus['contactLog'] };

type Step = { kind: 'idle' } | { kind: 'working'; what: string } | { kind: 'previewed'; row: OneRow; preview: PreviewedRow } | { kind: 'sent'; row: OneRow; sent: SentRow; recorded: string | null };

/** Contact due, what it is about, method; then Preview, then Send. */
function ContactChoice({ customer }: { customer: CustomerMatch }) {
  const styles = useStyles();
  const [dues, setDues] = useState<IndividualContactDue[] | null>(null);
  const [contactDue, setContactDue] = useState('');
  const [subject, setSubject] = useState('');
  const [methods, setMethods] = useState<IndividualMethod[]>([]);
  const [method, setMethod] = useState<Method | ''>('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [failure, setFailure] = useState<Failure>(null);
  const methodsLabel = useId();

  useEffect(() => {
    void ask({ type: 'dues', customerCode: customer.code }).then((reply) => {
      if (reply.type !== 'dues') return setFailure({ title: 'Could not list the contacts', text: reply.type === 'refused' ? reply.reason : '' });
      setDues(reply.dues);
      const first = reply.dues.find((d) => d.refusal === null);
      if (first) setContactDue(first.contactDue);
    });
  }, [customer.code]);

  const due = dues?.find((d) => d.contactDue === contactDue) ?? null;

  useEffect(() => {
    if (!due) return;
    setSubject(due.subjects.find((s) => s.refusal === null)?.subject ?? '');
    setStep({ kind: 'idle' });
    void ask({ type: 'methods', customerCode: customer.code, contactDue: due.contactDue }).then((reply) => {
      if (reply.type !== 'methods') return;
      setMethods(reply.methods);
      setMethod((held) => (reply.methods.find((m) => m.method === held && !m.refusal) ? held : (reply.methods.find((m) => !m.refusal)?.method ?? '')));
    });
  }, [customer.code, due]);

  // A changed choice needs a fresh preview before anything is sent.
  useEffect(() => setStep({ kind: 'idle' }), [subject, method]);

  async function preview() {
    if (!due || !method) return;
    setFailure(null);
    setStep({ kind: 'working', what: 'Asking the worker what would go…' });
    const built = await ask({ type: 'action', choice: { customerCode: customer.code, contactDue: due.contactDue, method, subject: subject || undefined } });
    if (built.type !== 'action') {
      setStep({ kind: 'idle' });
      return setFailure({ title: 'This contact cannot go', text: built.type === 'refused' ? built.reason : '' });
    }
    const row: OneRow = { action: built.action, context: built.context };
    const answer = await previewOne(loadSettings(), row);
    if (!answer.ok) {
      setStep({ kind: 'idle' });
      return setFailure({ title: 'No preview', text: answer.failure.message });
    }
    setStep({ kind: 'previewed', row, preview: answer.value });
  }

  async function send(row: OneRow) {
    setFailure(null);
    setStep({ kind: 'working', what: 'Handing it to the worker…' });
    const settings = loadSettings();
    const answer = await sendOne(settings, row);
    if (!answer.ok) {
      setStep({ kind: 'idle' });
      return setFailure({ title: 'Not sent', text: answer.failure.message });
    }
    if (answer.value.state === 'not sent') return setStep({ kind: 'sent', row, sent: answer.value, recorded: null });
    setStep({ kind: 'working', what: 'Sending…' });
    // Usually a second or two: then the pane says how it went, and its line is written on the Contact Log.
    const outcome = (await awaitOutcome(settings, row.action.actionId, 10_000)) ?? answer.value;
    setStep({ kind: 'sent', row, sent: outcome, recorded: await recordIndividualSend(settings, row.action.actionId, outcome.status) });
  }

  async function checkStatus(row: OneRow) {
    const answer = await statusOf(loadSettings(), row.action.actionId);
    if (!answer.ok) return setFailure({ title: 'No status yet', text: answer.failure.message });
    setStep({ kind: 'sent', row, sent: answer.value, recorded: await recordIndividualSend(loadSettings(), row.action.actionId, answer.value.status) });
  }

  if (!dues) return <Spinner size="tiny" label={`Looking up ${customer.name}…`} />;
  const chosenMethod = methods.find((m) => m.method === method);

  return (
    <Card aria-label={`Contact for ${customer.name}`}>
      <Subtitle2 as="h2">
        {customer.name} ({customer.code})
      </Subtitle2>
      <Field label="Contact due" validationMessage={due?.refusal ?? undefined} validationState={due?.refusal ? 'warning' : 'none'}>
        <Select value={contactDue} onChange={(_, data) => setContactDue(data.value)}>
          {dues.map((d) => (
            <option key={d.contactDue} value={d.contactDue} disabled={d.refusal !== null}>
              {d.contactDue}
              {d.refusal ? ' (nothing to be about)' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {due && due.subjects.length > 0 && (
        <Field label="About" validationMessage={due.subjects.find((s) => s.subject === subject)?.refusal ?? undefined} validationState="none">
          <Select value={subject} onChange={(_, data) => setSubject(data.value)}>
            {due.subjects.map((s) => (
              <option key={s.subject} value={s.subject} disabled={s.refusal !== null}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={<span id={methodsLabel}>Medium</span>}>
        <RadioGroup value={method} onChange={(_, data) => setMethod(data.value as Method)} aria-labelledby={methodsLabel}>
          {methods.map((m) => (
            <Radio
              key={m.method}
              value={m.method}
              disabled={m.refusal !== null}
              data-testid={`method-${m.method}`}
              label={
                <span>
                  {m.method}
                  {m.refusal ? <span className={styles.why}> — not possible: {m.refusal}</span> : <Caption1 className={styles.why}> to {m.to}</Caption1>}
                </span>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      {failure && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{failure.title}</MessageBarTitle>
            {failure.text}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button onClick={() => void preview()} disabled={!chosenMethod || chosenMethod.refusal !== null || step.kind === 'working' || !!due?.refusal}>
          Preview
        </Button>
        {step.kind === 'previewed' && (
          <Button appearance="primary" onClick={() => void send(step.row)} disabled={!!step.preview.notGoing}>
            Send this one
          </Button>
        )}
      </div>
      {step.kind === 'working' && <Spinner size="tiny" label={step.what} />}
      {step.kind === 'previewed' && <Preview preview={step.preview} />}
      {step.kind === 'sent' && <Sent step={step} onCheck={() => void checkStatus(step.row)} />}
    </Card>
  );
}

function Preview({ preview }: { preview: PreviewedRow }) {
  const styles = useStyles();
  if (preview.notGoing) {
    return (
      <MessageBar intent="warning" role="alert">
        <MessageBarBody>
          <MessageBarTitle>This would not go</MessageBarTitle>
          The worker says {preview.notGoing.replace(/\.+$/, '')}. Nothing was sent.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <section aria-label="Preview" data-testid="preview">
      <Caption1>
        {preview.method === 'Letter' ? 'A letter' : preview.method === 'SMS' ? 'A text message' : 'An email'} to {preview.to}
        {preview.smsSegments !== undefined && ` — ${preview.smsSegments} SMS part${preview.smsSegments === 1 ? '' : 's'}`}
      </Caption1>
      {preview.subject && <Text weight="semibold" block>Subject: {preview.subject}</Text>}
      <pre className={styles.message}>{preview.text}</pre>
    </section>
  );
}

function Sent({ step, onCheck }: { step: Extract<Step, { kind: 'sent' }>; onCheck: () => void }) {
  const { sent } = step;
  const done = sent.status === 'Sent' || sent.status === 'Printed';
  const failed = sent.status === 'Failed' || sent.status === 'Not sent' || sent.state === 'not sent';
  return (
    <MessageBar intent={done ? 'success' : failed ? 'error' : 'info'} role="status" data-testid="sent-status">
      <MessageBarBody>
        <MessageBarTitle>{sent.status ?? 'Handed over'}</MessageBarTitle>
        {failed
          ? `It did not go: ${sent.reason || sent.reference || 'the worker gave no reason'}. Fix what it says, then preview and send again.`
          : done
            ? `${sent.sentAt ? `On ${sent.sentAt}` : 'Done'}${sent.reference ? `, reference ${sent.reference}` : ''}.`
            : sent.state === 'already sent'
              ? 'It was sent already; it is not sent twice.'
              : 'The worker sends it in a moment. Press Check status to see how it went.'}
        {step.recorded && ` ${step.recorded}`}
      </MessageBarBody>
      {!done && !failed && (
        <Button size="small" onClick={onCheck}>
          Check status
        </Button>
      )}
    </MessageBar>
  );
}
