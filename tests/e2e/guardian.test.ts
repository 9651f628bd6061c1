/**
 * Guardianship in a real browser against the real server, keyboard only:
 * a coordinator registers a resident (the shared ResidentFields keep the input and show the error
 * next to the field, also without JavaScript), records a family member with their own account as
 * the resident's guardian (errors next to the field first); the guardian finds the person on My
 * page, opens their record, gives a consent for them (shown as recorded by a guardian) and
 * downloads their data; the coordinator ends the relationship and the guardian loses access at
 * once; after a withdrawal of the coordination consent the resident page still offers the data
 * download and deletion. axe and the Nu HTML checker on each state of the new and changed pages.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../api/accounts/demo.ts';
import { axeViolations } from './axe.ts';
import { hasBrowser, launchBrowser, newPage } from './browser.ts';
import { checkHtml } from './html-check.ts';

/** Press Tab until the element matching `selector` has focus (keyboard only). */
async function tabTo(page: Page, selector: string, maxPresses = 120): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

/** Choose an option of the focused select by its value, with the arrow keys. */
async function chooseWithKeyboard(page: Page, selector: string, value: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if ((await page.inputValue(selector)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${selector} never reached ${value}`);
}

/** Press Enter on the focused submit button and wait for the answer page (a redirect or a re-render). */
async function submit(page: Page, until?: (url: URL) => boolean): Promise<void> {
  await Promise.all([
    until ? page.waitForURL(until) : page.waitForEvent('framenavigated'),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/account/sign-in');
  await tabTo(page, '#field-email');
  await page.keyboard.type(email);
  await tabTo(page, '#field-password');
  await page.keyboard.type(DEMO_PASSWORD);
  await Promise.all([page.waitForURL('**/account'), page.keyboard.press('Enter')]);
}

describe.skipIf(!hasBrowser)('guardianship in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('coordinator records a guardian → guardian consents and downloads → coordinator ends it, keyboard only', async () => {
    const documents: Record<string, string> = {};
    const failures: string[] = [];
    const check = async (page: Page, label: string) => {
      failures.push(...(await axeViolations(page, label)));
      documents[label] = await page.content();
    };
    const name = `（テスト）後見 ${Date.now() % 100000}`;

    // The coordinator registers a resident; an empty name is refused next to the field, input kept.
    const coordinator = await newPage(browser);
    const c = coordinator.page;
    await signIn(c, 'coordinator@demo.example.jp');
    await c.goto('/account/coordinator/register');
    await tabTo(c, '#field-nameKana');
    await c.keyboard.type('こうけん てすと');
    await tabTo(c, 'input[name="channel"][value="phone"]');
    await c.keyboard.press('Space');
    await tabTo(c, 'form button[type="submit"]');
    await submit(c);
    expect(await c.textContent('#field-displayName-error')).toBeTruthy();
    expect(await c.inputValue('#field-nameKana')).toBe('こうけん てすと');
    await check(c, 'register-errors');
    expect(await c.isChecked('input[name="channel"][value="phone"]')).toBe(true);
    await tabTo(c, '#field-displayName');
    await c.keyboard.type(name);
    await tabTo(c, 'form button[type="submit"]');
    await submit(c, (url) => url.searchParams.has('registered'));
    const residentPath = new URL(c.url()).pathname;

    // Record the guardian: first without a relationship (error next to the field, input kept) …
    await tabTo(c, '#field-guardianEmail');
    await c.keyboard.type('resident@demo.example.jp');
    await tabTo(c, '#field-basis');
    await chooseWithKeyboard(c, '#field-basis', 'in_person');
    await tabTo(c, 'form[aria-labelledby="guardian-add"] button[type="submit"]');
    await submit(c);
    expect(await c.textContent('#field-kind-error')).toBeTruthy();
    expect(await c.getAttribute('#field-kind', 'aria-invalid')).toBe('true');
    expect(await c.inputValue('#field-guardianEmail')).toBe('resident@demo.example.jp');
    expect(await c.inputValue('#field-basis')).toBe('in_person');
    await check(c, 'resident-guardian-errors');
    // … then complete.
    await tabTo(c, '#field-kind');
    await chooseWithKeyboard(c, '#field-kind', 'family');
    await tabTo(c, 'form[aria-labelledby="guardian-add"] button[type="submit"]');
    await submit(c, (url) => url.searchParams.get('guardian') === 'added');
    expect(await c.textContent('#guardians + p + ul')).toContain('日田 和子');
    await check(c, 'resident-with-guardian');

    // The guardian sees the person on My page and opens their record.
    const guardian = await newPage(browser);
    const g = guardian.page;
    await signIn(g, 'resident@demo.example.jp');
    await check(g, 'mypage-guardian');
    for (const path of ['/easy/account', '/en/account/guardian/demoproxyresident00000000']) {
      await g.goto(path);
      await check(g, path);
    }
    await g.goto('/account');
    const residentId = residentPath.split('/').at(-1)!;
    await tabTo(g, `a[href="/account/guardian/${residentId}"]`);
    expect(await g.evaluate(() => document.activeElement?.textContent)).toBe(name);
    await submit(g, (url) => url.pathname.startsWith('/account/guardian/'));
    const wardPath = new URL(g.url()).pathname;
    expect(await g.textContent('h1')).toBe(name);
    await check(g, 'guardian-ward');

    // Gives the matching consent for them: recorded as a guardian's decision.
    await tabTo(g, 'form:has(input[name="purpose"][value="matching"]) button');
    await submit(g, (url) => url.searchParams.has('done'));
    expect(await g.textContent('[role="status"]')).toContain('記録しました');
    expect(await g.textContent('li:has(input[name="purpose"][value="matching"])')).toContain('後見人・家族など');
    await check(g, 'guardian-ward-done');

    // Downloads their data.
    await tabTo(g, 'a[href$="/export"]');
    const [download] = await Promise.all([g.waitForEvent('download'), g.keyboard.press('Enter')]);
    const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      profile: { displayName: string };
      consents: { purpose: string; capacity: string; decidedBy: string }[];
      accessLog: { action: string; detail: string | null }[];
    };
    expect(data.profile.displayName).toBe(name);
    expect(data.consents.at(-1)).toMatchObject({ purpose: 'matching', capacity: 'guardian', decidedBy: 'guardian' });
    expect(data.accessLog).toContainEqual(
      expect.objectContaining({ action: 'resident.read', detail: 'capacity:guardian' }),
    );

    // The coordinator sees the consent as the guardian's, and ends the relationship.
    await c.goto(residentPath);
    await tabTo(c, 'form:has(input[name="intent"][value="guardian-end"]) button');
    await submit(c, (url) => url.searchParams.get('guardian') === 'ended');
    expect(await c.textContent('#guardians + p + ul')).toContain('終了');

    // The guardian has lost access at once.
    const gone = await g.goto(wardPath);
    expect(gone?.status()).toBe(404);
    expect(await g.textContent('[role="alert"]')).toContain('見られません');
    await check(g, 'guardian-ward-ended');
    await g.goto('/account');
    expect(await g.locator(`a[href="/account/guardian/${residentId}"]`).count()).toBe(0);
    // The demo guardianship (大山 トメ) is untouched.
    expect(await g.locator('a[href="/account/guardian/demoproxyresident00000000"]').count()).toBe(1);
    await guardian.context.close();

    // After the person withdraws consent to coordination, their data rights are still offered.
    await c.goto(residentPath);
    await tabTo(c, '#field-purpose');
    await chooseWithKeyboard(c, '#field-purpose', 'coordination');
    await tabTo(c, '#field-action');
    await chooseWithKeyboard(c, '#field-action', 'withdrawn');
    await tabTo(c, '#field-channel');
    await chooseWithKeyboard(c, '#field-channel', 'phone');
    await tabTo(c, 'form[aria-labelledby="record-consent"] button[type="submit"]');
    await submit(c, (url) => url.searchParams.has('consent'));
    expect(await c.locator('#edit').count()).toBe(0);
    expect(await c.locator(`a[href$="/export"]`).count()).toBe(1);
    expect(await c.locator('input[name="intent"][value="delete"]').count()).toBe(1);
    expect(await c.textContent('main')).toContain('取り消した後でも');
    await check(c, 'resident-consent-withdrawn');
    const en = await c.goto(`/en${residentPath}`);
    expect(en?.status()).toBe(403);
    await check(c, 'resident-consent-withdrawn-en');
    await coordinator.context.close();

    expect(failures).toEqual([]);
    expect(checkHtml(documents)).toEqual([]);
  }, 300_000);

  it('the shared resident fields keep the input and show errors without JavaScript', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/account/sign-in');
    await page.fill('#field-email', 'coordinator@demo.example.jp');
    await page.fill('#field-password', DEMO_PASSWORD);
    await page.click('form button[type="submit"]');
    await page.goto('/account/coordinator/residents/demoproxyresident00000000');
    await page.fill('#field-displayName', '');
    await page.fill('#field-phone', 'abc');
    await page.click('form:has(input[name="intent"][value="edit"]) button[type="submit"]');
    expect(await page.textContent('#field-displayName-error')).toBeTruthy();
    expect(await page.textContent('#field-phone-error')).toContain('数字');
    expect(await page.inputValue('#field-phone')).toBe('abc');
    expect(await page.getAttribute('#form-errors a[href="#field-phone"]', 'href')).toBe('#field-phone');
    // Nothing was saved.
    await page.goto('/account/coordinator/residents/demoproxyresident00000000');
    expect(await page.inputValue('#field-displayName')).toBe('（デモ）大山 トメ');
    await context.close();
  });
});
