/** Settings: where the worker is, its pairing key, and the name written as By; Test connection says in words what is wrong. */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { testConnection, type Answer } from '../shared/worker-api.ts';
import { loadSettings, saveSettings, type WorkerSettings } from '../shared/worker-settings.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function SettingsView() {
  const styles = useStyles();
  const [settings, setSettings] = useState<WorkerSettings>(loadSettings);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<Answer<{ version: string }> | null>(null);
  const [saved, setSaved] = useState(false);
  const change = (part: Partial<WorkerSettings>) => {
    setSettings({ ...settings, ...part });
    setSaved(false);
    setResult(null);
  };

  async function test() {
    saveSettings(settings);
    setTesting(true);
    setResult(null);
    setResult(await testConnection(loadSettings()));
    setTesting(false);
  }

  return (
    <section className={styles.view} aria-label="Settings">
      <Field label="Worker address" hint='As "retention serve" printed it, e.g. https://localhost:3443'>
        <Input value={settings.address} onChange={(_, d) => change({ address: d.value })} type="url" />
      </Field>
      <Field label="Pairing key" hint='The key "retention serve" printed when it started'>
        <Input value={settings.pairingKey} onChange={(_, d) => change({ pairingKey: d.value })} type="password" autoComplete="off" />
      </Field>
      <Field label="Your name" hint="Written as By on the Contact Log and the Lapsed sheet">
        <Input value={settings.by} onChange={(_, d) => change({ by: d.value })} />
      </Field>
      <div className={styles.buttons}>
        <Button
          onClick={() => {
            saveSettings(settings);
            setSaved(true);
          }}
        >
          Save
        </Button>
        <Button appearance="primary" onClick={() => void test()} disabled={testing}>
          Test connection
        </Button>
        {testing && <Spinner size="tiny" label="Asking the worker…" />}
      </div>
      {saved && !result && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Saved on this computer.</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <MessageBar intent={result.ok ? 'success' : 'error'} role={result.ok ? 'status' : 'alert'} data-testid="connection-result">
          <MessageBarBody>
            <MessageBarTitle>{result.ok ? 'Connected' : 'Not connected'}</MessageBarTitle>
            {result.ok ? `The worker answers and accepts the pairing key${result.value.version ? ` (version ${result.value.version})` : ''}.` : result.failure.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
