/**
 * Run by `npm run test:addin` before the pane's browser tests: they drive Debian's Chromium
 * (a test tool's own browser download cannot be had here). Installs it when it is missing and
 * this user may (root, with apt-get); otherwise says what to do, and fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.RETENTION_CHROMIUM ?? '/usr/bin/chromium';

function install(): void {
  const apt = (args: string[]) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    // A fresh machine's package lists may be empty or stale: read them, then try once more.
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
}

if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!root || !hasApt) {
    process.stderr.write(
      `The task pane's tests need Chromium at ${CHROMIUM}, and it is not there.\n` +
        (hasApt ? 'Install it as root: apt-get install -y chromium\n' : 'Install Chromium and set RETENTION_CHROMIUM to its path.\n'),
    );
    process.exit(1);
  }
  process.stdout.write(`Chromium is not at ${CHROMIUM}: installing Debian's package.\n`);
  install();
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`apt-get finished but there is still no ${CHROMIUM}.\n`);
    process.exit(1);
  }
}
