/**
 * Accounts in a real browser against the real server:
 * - keyboard only: sign-up → e-mail verification (link read from the outbox page by an admin) →
 *   sign-in → download my data → delete the account (A2);
 * - forms work without JavaScript and keep the input, with the message next to the field (A3);
 * - axe and the Nu HTML checker on every on-demand account page (A1);
 * - CSRF through the real server: a cross-site form POST and a cross-site JSON POST are refused (S3);
 * - the session cookie is HttpOnly and SameSite=Lax (S2; Secure/__Host- are tested with production
 *   settings in api/auth/routes.test.ts, since this server runs on plain http).
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/accounts/demo.ts';
import { axeViolations } from './axe.ts';
import { baseURL, hasBrowser, launchBrowser, newPage } from './browser.ts';
import { checkHtml } from './html-check.ts';

/** Press Tab until the element matching `selector` has focus (keyboard only, like a person would). */
async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Focus is visible on the focused element (an outline or a box shadow). */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return false;
    const style = getComputedStyle(element);
    return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
  });
}

async function signInWithKeyboard(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account/sign-in');
  await tabTo(page, '#field-email');
  await page.keyboard.type(email);
  await tabTo(page, '#field-password');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL('**/account'), page.keyboard.press('Enter')]);
}

describe.skipIf(!hasBrowser)('accounts in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sign-up → verify → sign-in → download my data → delete, with the keyboard only', async () => {
    const email = `keyboard-${Date.now()}@example.jp`;
    const password = 'mikuma river walk 2026';
    const { context, page } = await newPage(browser);

    // Sign up.
    await page.goto('/account/sign-up');
    await tabTo(page, '#field-displayName');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.type('キーボード 太郎');
    await tabTo(page, '#field-email');
    await page.keyboard.type(email);
    await tabTo(page, '#field-password');
    await page.keyboard.type(password);
    await tabTo(page, 'input[name="roles"][value="volunteer"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="acceptPolicy"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form button[type="submit"]');
    await Promise.all([page.waitForURL('**/account/sign-up?sent'), page.keyboard.press('Enter')]);
    expect(await page.textContent('[role="status"]')).toContain('メールを送りました');

    // An admin reads the outbox (no SMTP here) and finds the verification link.
    const admin = await newPage(browser);
    await signInWithKeyboard(admin.page, 'admin@demo.example.jp', DEMO_PASSWORD);
    await admin.page.goto('/account/outbox');
    const bodies = await admin.page.locator('pre.message-body').allTextContents();
    const message = bodies.find((body) => body.includes('キーボード 太郎'));
    expect(message).toBeDefined();
    const link = /http:\/\/\S+\/account\/verify\?token=\S+/.exec(message ?? '')?.[0];
    expect(link).toBeDefined();
    await admin.context.close();

    // Verify the address (a button, so mail scanners cannot use the link).
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await tabTo(page, 'main form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="status"]');
    expect(await page.textContent('[role="status"]')).toContain('確認しました');

    // Sign in.
    await signInWithKeyboard(page, email, password);
    expect(await page.textContent('h1')).toBe('マイページ');
    expect(await page.textContent('main')).toContain('確認済み');
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'sasaeai_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    // Download my data.
    await tabTo(page, 'a[href="/api/account/me/export"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      profile: { email: string; displayName: string };
      roles: { role: string }[];
      consents: { purpose: string }[];
    };
    expect(data.profile).toMatchObject({ email, displayName: 'キーボード 太郎' });
    expect(data.roles.map((r) => r.role)).toEqual(['volunteer']);
    expect(data.consents.map((c) => c.purpose)).toEqual(['account']);

    // Delete the account.
    await tabTo(page, `a[href="/account/delete"]`);
    await Promise.all([page.waitForURL('**/account/delete'), page.keyboard.press('Enter')]);
    await tabTo(page, '#field-password');
    await page.keyboard.type(password);
    await Promise.all([page.waitForURL('**/account/sign-in?deleted'), page.keyboard.press('Enter')]);
    expect(await page.textContent('[role="status"]')).toContain('削除しました');
    expect((await context.cookies()).find((cookie) => cookie.name === 'sasaeai_session')).toBeUndefined();

    // The account is gone: signing in fails with the one generic message.
    await page.goto('/account/sign-in');
    await page.fill('#field-email', email);
    await page.fill('#field-password', password);
    await page.click('form button[type="submit"]');
    expect(await page.textContent('[role="alert"]')).toContain('メールアドレスかパスワードが違います');
    await context.close();
  });

  it('works without JavaScript: errors next to the field, input kept, POST → redirect', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/account/sign-up');
    await page.fill('#field-displayName', '日田 花子');
    await page.fill('#field-email', 'not-an-address');
    await page.fill('#field-password', 'password');
    await page.click('form button[type="submit"]');
    expect(await page.inputValue('#field-displayName')).toBe('日田 花子');
    expect(await page.inputValue('#field-email')).toBe('not-an-address');
    expect(await page.textContent('#field-email-error')).toContain('name@example.jp');
    expect(await page.textContent('#field-password-error')).toContain('よく使われている');
    expect(await page.getAttribute('#field-email', 'aria-describedby')).toContain('field-email-error');
    expect(await page.getAttribute('#field-email', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#policy-error')).toBeTruthy();
    // The summary links to the field.
    expect(await page.getAttribute('#form-errors a[href="#field-email"]', 'href')).toBe('#field-email');

    await page.goto('/en/account/sign-in');
    await page.fill('#field-email', 'coordinator@demo.example.jp');
    await page.fill('#field-password', DEMO_PASSWORD);
    await page.click('form button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/en/account');
    expect(await page.textContent('h1')).toBe('My page');
    await context.close();
  });

  it('passes axe and the Nu HTML checker on every on-demand account page', async () => {
    const { context, page } = await newPage(browser);
    const documents: Record<string, string> = {};
    const failures: string[] = [];
    const check = async (path: string) => {
      await page.goto(path);
      failures.push(...(await axeViolations(page, path)));
      documents[path] = await page.content();
    };
    for (const path of [
      '/account/sign-in',
      '/en/account/sign-up',
      '/account/forgot-password',
      '/account/reset-password?token=x',
      '/account/verify?token=x',
    ]) {
      await check(path);
    }
    // A form re-rendered with errors.
    await page.goto('/account/sign-up');
    await page.click('form button[type="submit"]');
    failures.push(...(await axeViolations(page, 'sign-up with errors')));
    documents['sign-up-errors'] = await page.content();

    await page.goto('/account/sign-in');
    await page.fill('#field-email', 'coordinator@demo.example.jp');
    await page.fill('#field-password', DEMO_PASSWORD);
    await page.click('form button[type="submit"]');
    for (const path of [
      '/account',
      '/easy/account',
      '/account/password',
      '/account/delete',
      '/account/organizations',
      '/account/organizations/demoorga00000000000000000',
      '/account/coordinator',
      '/account/coordinator/register',
      '/en/account/coordinator/residents/demoproxyresident00000000',
      '/account/outbox',
    ]) {
      await check(path);
    }
    await context.close();

    const admin = await newPage(browser);
    await signInWithKeyboard(admin.page, 'admin@demo.example.jp', DEMO_PASSWORD);
    await admin.page.goto('/account/admin');
    failures.push(...(await axeViolations(admin.page, '/account/admin')));
    documents['/account/admin'] = await admin.page.content();
    // The security log: the admin's own sign-in is there; the kind filter is a plain GET form.
    const types = () =>
      admin.page.locator('.security-events li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type')));
    expect(await types()).toContain('sign_in.success');
    expect(await admin.page.locator('.security-events strong').allTextContents()).toContain('ログイン');
    await admin.page.selectOption('#field-eventType', 'sign_in.success');
    await admin.page.click('section[aria-labelledby="security-events"] button[type="submit"]');
    await admin.page.waitForURL(/eventType=sign_in\.success/);
    const kinds = await types();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['sign_in.success']));
    expect(await admin.page.locator('.security-events').textContent()).not.toContain('@');
    documents['/account/admin?eventType'] = await admin.page.content();
    await admin.context.close();

    expect(failures).toEqual([]);
    expect(checkHtml(documents)).toEqual([]);
  }, 300_000);
});

describe('CSRF and caching through the real server (S3, S8)', () => {
  it('refuses a cross-site form POST to a page and a cross-site JSON POST to the API', async () => {
    const form = await fetch(`${baseURL()}/account/sign-in`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=coordinator%40demo.example.jp&password=${DEMO_PASSWORD}`,
      redirect: 'manual',
    });
    expect(form.status).toBe(403);
    expect(form.headers.get('set-cookie')).toBeNull();
    const json = await fetch(`${baseURL()}/api/auth/sign-in`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator@demo.example.jp', password: DEMO_PASSWORD }),
    });
    expect(json.status).toBe(403);
    expect(json.headers.get('set-cookie')).toBeNull();
    const same = await fetch(`${baseURL()}/account/sign-in`, {
      method: 'POST',
      headers: { origin: baseURL(), 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=coordinator%40demo.example.jp&password=${DEMO_PASSWORD}`,
      redirect: 'manual',
    });
    expect(same.status).toBe(303);
    expect(same.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('marks account pages no-store and keeps them out of search engines', async () => {
    const response = await fetch(`${baseURL()}/account/sign-in`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('<meta name="robots" content="noindex">');
  });
});
