/**
 * Opportunities in the browser, against the real server with its demo data:
 * - a volunteer signs up for a shift with the KEYBOARD ONLY and finds it on their page;
 * - the organizer records attendance and hours (keyboard), and the volunteer sees the hours;
 * - signing in from an opportunity (no JS) comes back to it; a `next` to another site does not;
 * - axe (WCAG 2.2 AA) and the Nu HTML checker on every new on-demand page (not in the sitemap),
 *   signed out and signed in, including a form re-rendered with errors and the page without JS.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_TITLES } from '../../api/opportunities/demo.ts';
import { axeViolations, preloadAxe } from './axe.ts';
import { baseURL, hasBrowser, launchBrowser, newPage } from './browser.ts';
import { checkHtml } from './html-check.ts';

const PASSWORD = 'hita-demo-2026';

async function signIn(context: BrowserContext, email: string): Promise<void> {
  const response = await context.request.post('/api/auth/sign-in', {
    data: { email, password: PASSWORD },
    headers: { origin: baseURL() },
  });
  expect(response.status()).toBe(200);
}

/** Press Tab until the focused element matches, like a keyboard user looking for it. */
async function tabTo(page: Page, matches: (text: string, tag: string) => boolean, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), tag: el.tagName } : null;
    });
    if (focused && matches(focused.text, focused.tag)) return;
  }
  throw new Error('The element was not reached with Tab');
}

async function opportunityId(title: string): Promise<number> {
  const list = (await (await fetch(`${baseURL()}/api/opportunities?perPage=100`)).json()) as {
    items: { id: number; title: string }[];
  };
  const found = list.items.find((item) => item.title === title);
  if (!found) throw new Error(`demo opportunity ${title} not listed`);
  return found.id;
}

describe.skipIf(!hasBrowser)('volunteer opportunities in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a volunteer signs up with the keyboard only and finds the shift on their page', async () => {
    const { context, page } = await newPage(browser);
    await signIn(context, 'volunteer@demo.example.jp');
    await page.goto('/opportunities?category=saigai');
    await tabTo(page, (text) => text.includes(DEMO_OPPORTUNITY_TITLES.disaster));
    await Promise.all([page.waitForURL(/\/opportunities\/\d+$/), page.keyboard.press('Enter')]);
    await tabTo(page, (text, tag) => tag === 'A' && text.startsWith('この日に申し込む'));
    await Promise.all([page.waitForURL(/sign-up\?shift=\d+/), page.keyboard.press('Enter')]);
    await tabTo(page, (text, tag) => tag === 'BUTTON' && text === '申し込む');
    await Promise.all([page.waitForURL(/\/opportunities\/mine\?signed-up=confirmed/), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('申し込みました');
    const upcoming = await page.locator('main').textContent();
    expect(upcoming).toContain(DEMO_OPPORTUNITY_TITLES.disaster);
    expect(upcoming).toContain('参加決定');
    await context.close();
  });

  it('the organizer records attendance with the keyboard; the volunteer sees the hours', async () => {
    const { context, page } = await newPage(browser);
    await signIn(context, 'business-a@demo.example.jp');
    await page.goto('/opportunities/manage');
    await tabTo(page, (text) => text.includes(DEMO_OPPORTUNITY_TITLES.cleanup));
    await Promise.all([page.waitForURL(/\/opportunities\/manage\/\d+$/), page.keyboard.press('Enter')]);
    // Yesterday's shift (two volunteers): 奉仕 一郎 attended for 90 minutes; the other keeps the default.
    let reached = false;
    for (let i = 0; i < 250 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const el = document.activeElement;
        const form = el?.closest('form');
        const minutes = form ? [...form.querySelectorAll('input[id^="m-"]')] : [];
        return minutes.length === 2 && minutes[0] === el;
      });
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('90');
    await tabTo(page, (text, tag) => tag === 'BUTTON' && text.startsWith('出席を記録する'));
    await Promise.all([page.waitForURL(/done=attendance/), page.keyboard.press('Enter')]);
    expect(await page.locator('[role=status]').textContent()).toContain('出席と時間を記録しました（2 人）');
    await context.close();

    const volunteer = await newPage(browser);
    await signIn(volunteer.context, 'volunteer@demo.example.jp');
    await volunteer.page.goto('/opportunities/mine');
    const text = (await volunteer.page.locator('main').textContent()) ?? '';
    expect(text).toContain('参加 1.5 時間');
    expect(text).toMatch(/これまでの活動：2 回、合計 3.5 時間/);
    await volunteer.page.goto(`/opportunities/certificate?year=${new Date().getFullYear()}`);
    expect(await volunteer.page.locator('h1').textContent()).toBe('活動証明書');
    await volunteer.context.close();
  });

  it('asks for the matching consent before saving a profile, without JavaScript, keeping the input', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(context, 'business-b@demo.example.jp');
    await page.goto('/opportunities/for-you');
    expect(await page.locator('.opp-note').first().textContent()).toContain('同意が必要です');
    await page.goto('/opportunities/profile');
    await page.selectOption('#f-districtId', 'oyama');
    await page.getByRole('button', { name: '保存する' }).click();
    expect(await page.locator('#f-consentToMatching .error').textContent()).toContain('同意のチェックが必要です');
    expect(await page.locator('#f-districtId').inputValue()).toBe('oyama');
    await page.check('input[name="consentToMatching"]');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.locator('#f-districtId').inputValue()).toBe('oyama');
    expect(await page.locator('input[name="consentToMatching"]').count()).toBe(0);
    await context.close();
  });

  it('signing in from an opportunity comes back to it, without JavaScript; a next to another site does not', async () => {
    const kitchen = await opportunityId(DEMO_OPPORTUNITY_TITLES.kitchen);
    const detail = (await (await fetch(`${baseURL()}/api/opportunities/${kitchen}`)).json()) as {
      shifts: { id: number }[];
    };
    const signUpPage = `/en/opportunities/${kitchen}/sign-up?shift=${detail.shifts[0]?.id ?? 0}`;
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(signUpPage);
    await Promise.all([page.waitForURL(/\/en\/account\/sign-in\?next=/), page.click('main a[href*="sign-in"]')]);
    await page.fill('#field-email', 'resident@demo.example.jp');
    await page.fill('#field-password', PASSWORD);
    await Promise.all([page.waitForURL(`**${signUpPage}`), page.click('form button[type="submit"]')]);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(signUpPage);

    // A page that needs a signed-in person sends there through sign-in too (303 with next).
    const mine = await fetch(`${baseURL()}/opportunities/mine`, { redirect: 'manual' });
    expect(mine.status).toBe(303);
    expect(mine.headers.get('location')).toBe('/account/sign-in?next=%2Fopportunities%2Fmine');

    // Someone else's link with a next to another site: signing in lands on My page.
    const other = await newPage(browser, { javaScriptEnabled: false });
    await other.page.goto(`/account/sign-in?next=${encodeURIComponent('//evil.example/x')}`);
    expect(await other.page.locator('input[name="next"]').count()).toBe(0);
    await other.page.fill('#field-email', 'resident@demo.example.jp');
    await other.page.fill('#field-password', PASSWORD);
    await Promise.all([other.page.waitForURL(/\/account$/), other.page.click('form button[type="submit"]')]);
    expect(new URL(other.page.url()).host).toBe(new URL(baseURL()).host);
    await other.context.close();
    await context.close();
  });

  it('every new on-demand page passes axe and the Nu HTML checker, signed out and signed in', async () => {
    const cleanup = await opportunityId(DEMO_OPPORTUNITY_TITLES.cleanup);
    const kitchen = await opportunityId(DEMO_OPPORTUNITY_TITLES.kitchen);
    const detail = (await (await fetch(`${baseURL()}/api/opportunities/${kitchen}`)).json()) as {
      shifts: { id: number }[];
    };
    const shift = detail.shifts[0]?.id ?? 0;
    const publicPaths = [
      '/opportunities',
      '/en/opportunities',
      '/easy/opportunities',
      '/opportunities?category=kankyo&district=kangi&from=2026-01-01',
      `/opportunities/${kitchen}`,
      `/en/opportunities/${kitchen}`,
      `/easy/opportunities/${kitchen}`,
      `/opportunities/${kitchen}/sign-up?shift=${shift}`,
    ];
    const volunteerPaths = [
      `/opportunities/${kitchen}/sign-up?shift=${shift}`,
      '/opportunities/mine',
      '/en/opportunities/mine',
      '/opportunities/for-you',
      '/opportunities/profile',
      `/opportunities/certificate?year=${new Date().getFullYear()}`,
    ];
    const organizerPaths = ['/opportunities/manage', '/opportunities/manage/new', `/opportunities/manage/${cleanup}`];
    const coordinatorPaths = [
      '/opportunities/coordinator',
      '/en/opportunities/coordinator',
      `/opportunities/${kitchen}/sign-up?shift=${shift}`,
    ];

    const failures: string[] = [];
    const documents: Record<string, string> = {};
    const check = async (page: Page, label: string) => {
      failures.push(...(await axeViolations(page, label)));
      documents[label] = await page.content();
    };
    const visit = async (email: string | null, paths: string[]) => {
      const { context, page } = await newPage(browser);
      await preloadAxe(context);
      if (email) await signIn(context, email);
      for (const p of paths) {
        const response = await page.goto(p);
        expect(response?.status(), p).toBe(200);
        await check(page, `${email ?? 'anonymous'} ${p}`);
      }
      return { context, page };
    };
    await (await visit(null, publicPaths)).context.close();
    await (await visit('volunteer@demo.example.jp', volunteerPaths)).context.close();
    await (await visit('coordinator@demo.example.jp', coordinatorPaths)).context.close();
    const organizer = await visit('business-a@demo.example.jp', organizerPaths);
    // A form re-rendered with messages next to the fields.
    await organizer.page.goto('/opportunities/manage/new');
    await organizer.page.getByRole('button', { name: '掲載する' }).click();
    await organizer.page.waitForLoadState();
    expect(await organizer.page.locator('[role=alert]').textContent()).toContain('入力を確かめてください');
    await check(organizer.page, 'organizer manage/new with errors');
    await organizer.context.close();

    // Without JavaScript: the list filters with a plain GET form.
    const noJs = await newPage(browser, { javaScriptEnabled: false });
    await noJs.page.goto('/opportunities');
    await noJs.page.selectOption('#f-category', 'kodomo-shokudo');
    await Promise.all([
      noJs.page.waitForURL(/category=kodomo-shokudo/),
      noJs.page.getByRole('button', { name: 'さがす' }).click(),
    ]);
    expect(await noJs.page.locator('.opp-card h3').allTextContents()).toEqual([
      expect.stringContaining(DEMO_OPPORTUNITY_TITLES.kitchen),
    ]);
    await noJs.context.close();

    expect(failures).toEqual([]);
    expect(Object.keys(documents).length).toBeGreaterThan(15);
    // The Nu HTML checker over the saved pages only (the built pages are checked by `npm run test:html`).
    expect(checkHtml(documents)).toEqual([]);
  }, 300_000);
});
