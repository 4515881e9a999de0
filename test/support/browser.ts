import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Express } from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by Playwright (scripts/ensure-deps.sh installs it when absent;
 * Playwright's own browser download cannot be reached here). CHROMIUM_PATH overrides the path.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** The app on a real socket, so that the browser talks HTTP to it as it would in production. */
export async function serve(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const SCREENS_DIR = join(__dirname, '../../test-results/screens');

/** Kept from each run (git-ignored), to be looked at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it is now, each as "rule: where". */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // The screen at rest: a notification still fading in has the contrast of its half-way opacity
  // (its transition may not have started when asked, so wait for it to be fully shown, as people see it).
  // Written as strings: this file is compiled without the DOM's types. Endless animations, a loader's spin, are left out.
  await page
    .waitForFunction(
      "[...document.querySelectorAll('.mantine-Notification-root')].every((el) => { for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity !== '1') return false; return true; })",
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined)))',
  );
  // A notification that starts closing while axe runs would be measured half faded out: for the
  // check, notifications appear and go at once (their inline transitions overridden).
  const still = await page.addStyleTag({ content: '.mantine-Notifications-root, .mantine-Notifications-root * { transition: none !important; }' });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  await still.evaluate((style: { remove(): void }) => style.remove());
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}
