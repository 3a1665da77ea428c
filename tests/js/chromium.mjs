// What the browser checks (ide.mjs, dashboard.mjs) share: the system Chromium started headless with a throwaway profile,
// and Content-Security-Policy violations reported as console errors.
import { chromium } from 'playwright-core';

export const isCsp = (text) => /Content Security Policy|Refused to (load|execute|apply|create|connect|evaluate)/i.test(text);

/** A persistent context on the system Chromium (CHROMIUM_PATH, else /usr/bin/chromium) in `userDataDir`. */
export function launchChromium(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
    ...options,
  });
}

/** Logs every violation as a console error, also where Chromium itself does not log it. */
export function reportCspViolations(page) {
  return page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) =>
    console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`)));
}
