// Headless Debian Chromium through playwright-core, with console-error collection.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.LIGHTBULB_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium. */
export function launchBrowser(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ...options });
}

/** The prefix of the console error that reports a Content Security Policy violation. */
export const CSP_VIOLATION = 'CSP violation:';

// Runs in every document of the context before the page's own scripts: every
// `securitypolicyviolation` event becomes a console error, so a test fails on
// it even where Chromium would not log one itself.
const reportCspViolations = (prefix) => {
  const report = (e) => {
    console.error(`${prefix} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`
      + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
  };
  document.addEventListener('securitypolicyviolation', report, true);
};

/**
 * Opens a page that records every console error (Content Security Policy
 * violations included), uncaught page error and failed request into `errors`
 * (strings). Returns { page, errors, context }.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  await context.addInitScript(reportCspViolations, CSP_VIOLATION);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, errors, context };
}
