/**
 * Account page security in a real browser against the real server:
 * - ASVS 6.2.6 / 6.2.7: every password field (sign-in, sign-up, reset, change, delete) is
 *   type=password with the right autocomplete hint for password managers, allows long passwords,
 *   and nothing blocks pasting (no paste handlers; a paste event is not cancelled);
 * - ASVS 7.4.4: every page rendered for a signed-in person — account pages and opportunity pages
 *   alike — has a sign-out button in the shared header, and it ends the session;
 * - My page shows the person's recent sign-ins (security events about their own account).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/accounts/demo.ts';
import { baseURL, hasBrowser, launchBrowser, newPage } from './browser.ts';

interface PasswordField {
  name: string;
  type: string;
  autocomplete: string | null;
  maxLength: number;
  pasteCancelled: boolean;
}

/** The password fields of the page's main form, and whether a paste into each is cancelled. */
function passwordFields(page: Page): Promise<PasswordField[]> {
  return page.$$eval('main input', (inputs: HTMLInputElement[]) =>
    inputs
      .filter((input) => /password|confirm/i.test(input.name))
      .map((input) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'pasted from a password manager');
        const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        input.dispatchEvent(paste);
        return {
          name: input.name,
          type: input.type,
          autocomplete: input.getAttribute('autocomplete'),
          maxLength: input.maxLength,
          pasteCancelled: paste.defaultPrevented,
        };
      }),
  );
}

/** Elements with an inline clipboard or key handler anywhere in the document. */
function clipboardHandlers(page: Page): Promise<string[]> {
  return page.$$eval('*', (elements) =>
    elements.flatMap((element) =>
      ['onpaste', 'oncopy', 'oncut', 'ondrop', 'oncontextmenu']
        .filter((name) => element.hasAttribute(name))
        .map((name) => `${element.tagName.toLowerCase()}[${name}]`),
    ),
  );
}

const origin = () => ({ origin: baseURL(), 'content-type': 'application/json' });

/** A live reset link for a demo account, read from the outbox as the demo admin. */
async function resetToken(email: string): Promise<string> {
  await fetch(`${baseURL()}/api/auth/password-reset`, {
    method: 'POST',
    headers: origin(),
    body: JSON.stringify({ email }),
  });
  const signIn = await fetch(`${baseURL()}/api/auth/sign-in`, {
    method: 'POST',
    headers: origin(),
    body: JSON.stringify({ email: 'admin@demo.example.jp', password: DEMO_PASSWORD }),
  });
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  for (let attempt = 0; attempt < 50; attempt++) {
    const outbox = (await (await fetch(`${baseURL()}/api/notifications/outbox`, { headers: { cookie } })).json()) as {
      items: { recipient: string; kind: string; body: string }[];
    };
    const message = outbox.items.find((m) => m.kind === 'password_reset' && m.recipient === email);
    const token = message && /token=([a-z2-7]{24}\.[a-z2-7]{52})/.exec(message.body)?.[1];
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no reset e-mail in the outbox');
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/account/sign-in');
  await page.fill('#field-email', email);
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL('**/account'), page.click('main form button[type="submit"]')]);
}

const headerSignOut = 'header.site-header form[method="post"][action$="/account/sign-out"] button[type="submit"]';

describe.skipIf(!hasBrowser)('account page security in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('password fields are masked, hint the password manager, take long passwords and allow paste (6.2.6, 6.2.7)', async () => {
    const { context, page } = await newPage(browser);
    const token = await resetToken('resident@demo.example.jp');
    const expected: Record<string, Record<string, string>> = {
      '/account/sign-in': { password: 'current-password' },
      '/en/account/sign-up': { password: 'new-password' },
      [`/account/reset-password?token=${token}`]: { password: 'new-password', confirm: 'new-password' },
    };
    const check = async (path: string) => {
      await page.goto(path);
      const fields = await passwordFields(page);
      expect(Object.fromEntries(fields.map((f) => [f.name, f.autocomplete])), path).toEqual(expected[path]);
      for (const field of fields) {
        expect(field.type, `${path} ${field.name}`).toBe('password');
        expect(field.pasteCancelled, `${path} ${field.name}: paste blocked`).toBe(false);
        // No limit, or one that allows at least 64 characters (ASVS 6.2.9).
        expect(field.maxLength === -1 || field.maxLength >= 64, `${path} ${field.name} maxlength`).toBe(true);
      }
      expect(await clipboardHandlers(page), path).toEqual([]);
      // Typing works as a paste would: the field takes the whole text.
      const first = fields[0]!.name;
      await page.fill(`main input[name="${first}"]`, 'x'.repeat(100));
      expect((await page.inputValue(`main input[name="${first}"]`)).length, path).toBe(100);
    };
    for (const path of Object.keys(expected)) await check(path);

    await signIn(page, 'volunteer@demo.example.jp');
    expected['/account/password'] = {
      currentPassword: 'current-password',
      newPassword: 'new-password',
      confirm: 'new-password',
    };
    expected['/account/delete'] = { password: 'current-password' };
    await check('/account/password');
    await check('/account/delete');
    await context.close();
  });

  it('every page rendered for a signed-in person has a sign-out button in the header, which ends the session (7.4.4)', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/opportunities');
    expect(await page.locator(headerSignOut).count(), 'signed out: no sign-out button').toBe(0);

    await signIn(page, 'driver@demo.example.jp');
    // My page lists the sign-in just made under "recent activity on your account".
    await page.goto('/en/account');
    const activity = await page.locator('section[aria-labelledby="activity"] li').allTextContents();
    expect(activity[0]).toMatch(/Signed in\s+— Chrome/);
    const pages = [
      '/account',
      '/account/password',
      '/account/organizations',
      '/en/account/delete',
      '/opportunities',
      '/opportunities/for-you',
      '/opportunities/mine',
      '/easy/opportunities/profile',
      '/opportunities/certificate',
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const button = page.locator(headerSignOut);
      expect(await button.count(), path).toBe(1);
      expect(await button.isVisible(), path).toBe(true);
    }

    // The header button on an opportunity page signs out: back to sign-in, and the session is over.
    await page.goto('/opportunities/mine');
    await Promise.all([page.waitForURL('**/account/sign-in?signed-out'), page.click(headerSignOut)]);
    await page.goto('/account');
    expect(new URL(page.url()).pathname).toBe('/account/sign-in');
    expect(await page.locator(headerSignOut).count()).toBe(0);
    await context.close();
  });
});
