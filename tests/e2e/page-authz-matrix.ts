/**
 * The authorization matrix of the on-demand pages' form POSTs (quality.md S7, the no-JavaScript
 * side of api/authz-matrix.ts): every page under src/pages/ that accepts a POST × every persona →
 * the expected outcome. Checked by tests/e2e/page-authz.test.ts against the built site, which also
 * fails when a page that accepts POST has no row here.
 *
 * How to extend: add a row per form action of a new page. `page` is the file under src/pages/;
 * `path` gives the URL (Japanese, no locale prefix) from the world (api/test/world.ts); `form` gives
 * a VALID form, so the outcome reflects authorization, not validation; `done` is where a successful
 * POST leads. Rows that change state get a fresh world per cell (`fresh: true`).
 */
import { issueToken } from '../../api/auth/service.ts';
import { guardianFixtures as gx } from '../../api/test/guardian-world.ts';
import { opportunityFixtures as fx } from '../../api/test/opportunities-world.ts';
import type { World } from '../../api/test/world.ts';

/** The columns: the personas of api/authz-matrix.ts that these pages tell apart. */
export const PAGE_PERSONAS = [
  'anonymous',
  'resident',
  'volunteer',
  'businessA',
  'businessB',
  'coordinator',
  'admin',
] as const;
/** A column of the page matrix. */
export type PagePersona = (typeof PAGE_PERSONAS)[number];
type SignedIn = Exclude<PagePersona, 'anonymous'>;

/**
 * What a POST led to: `sign-in` (303 to the sign-in page), `done` (303 to the row's `done`),
 * another 303 as `303 <location>`, or the status of a re-rendered page (200, 400, 403, 404 …).
 */
export type Outcome = 'sign-in' | 'done' | `303 ${string}` | number;

/** One form action of a page and its expected outcome per persona. */
export interface PageRow {
  /** The page file, relative to src/pages/. */
  page: string;
  /** What the row shows, for the report. */
  note?: string;
  /** The URL path (Japanese pages: no locale prefix), with its query if the page needs one. */
  path: (world: World, persona: PagePersona) => string;
  /** The fields of the form (a list for repeated fields). */
  form: (world: World, persona: PagePersona) => Record<string, string | string[]>;
  /** Where a successful POST leads (its `Location`); none for forms answered on the page. */
  done?: RegExp;
  expect: Record<PagePersona, Outcome>;
  /** The POST changes state: run each cell in a fresh world. */
  fresh?: boolean;
}

/** The same outcome for everyone. */
export const everyone = (outcome: Outcome): Record<PagePersona, Outcome> =>
  Object.fromEntries(PAGE_PERSONAS.map((p) => [p, outcome])) as Record<PagePersona, Outcome>;
/** Sign-in for anonymous, `outcome` for everyone signed in. */
export const signedIn = (outcome: Outcome): Record<PagePersona, Outcome> => ({
  ...everyone(outcome),
  anonymous: 'sign-in',
});
/** Sign-in for anonymous, `others` for everyone signed in, `outcome` for the listed personas. */
export const only = (outcome: Outcome, others: Outcome, ...personas: SignedIn[]): Record<PagePersona, Outcome> => ({
  ...signedIn(others),
  ...Object.fromEntries(personas.map((p) => [p, outcome])),
});

const passwordOf = (world: World, persona: PagePersona) =>
  persona === 'anonymous' ? 'not signed in 1' : world.people[persona].password;
const NEW_PASSWORD = 'brand new pass 1';
const now = () => Math.floor(Date.now() / 1000);
/** A date (YYYY-MM-DD, Japan time) a week from now. */
const nextWeek = () => new Date(Date.now() + 7 * 86400_000 + 9 * 3600_000).toISOString().slice(0, 10);
const shiftFields = () => ({ date: nextWeek(), start: '10:00', end: '12:00', capacity: '3', repeat: 'none' });
const residentEdit = {
  displayName: '支援 される人',
  nameKana: '',
  phone: '0973-00-0000',
  districtId: '',
  supportNeeds: '',
};

/** The matrix. Extend it with your pages' form actions. */
export const PAGE_ROWS: PageRow[] = [
  // Signing in, up and out, and the links from e-mails: open to everyone.
  {
    page: '[...locale]/account/sign-in.astro',
    path: () => '/account/sign-in',
    form: (w) => ({ email: w.people.volunteer.email, password: w.people.volunteer.password }),
    done: /^\/account$/,
    expect: everyone('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/sign-in.astro',
    note: 'with a next: back to that page',
    path: () => '/account/sign-in?next=%2Fopportunities%2Fmine',
    form: (w) => ({ email: w.people.volunteer.email, password: w.people.volunteer.password }),
    done: /^\/opportunities\/mine$/,
    expect: everyone('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/sign-up.astro',
    path: () => '/account/sign-up',
    form: (_w, p) => ({
      displayName: '新',
      email: `new-${p}@world.example.jp`,
      password: NEW_PASSWORD,
      acceptPolicy: 'yes',
    }),
    done: /^\/account\/sign-up\?sent$/,
    expect: everyone('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/sign-out.astro',
    path: () => '/account/sign-out',
    form: () => ({}),
    done: /^\/account\/sign-in\?signed-out$/,
    expect: everyone('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/verify.astro',
    note: 'a valid token: whoever holds it (re-rendered as confirmed)',
    path: () => '/account/verify',
    form: (w) => ({
      token: issueToken(w.db, 'verify_email', w.people.resident.id, w.people.resident.email, now(), 3600),
    }),
    expect: everyone(200),
    fresh: true,
  },
  {
    page: '[...locale]/account/forgot-password.astro',
    path: () => '/account/forgot-password',
    form: (w) => ({ email: w.people.resident.email }),
    done: /^\/account\/forgot-password\?sent$/,
    expect: everyone('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/reset-password.astro',
    note: 'a valid token: whoever holds it',
    path: () => '/account/reset-password',
    form: (w) => ({
      token: issueToken(w.db, 'reset_password', w.people.resident.id, w.people.resident.email, now(), 1800),
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    }),
    done: /^\/account\/sign-in\?reset$/,
    expect: everyone('done'),
    fresh: true,
  },

  // My page and my account: the signed-in person, on their own account only.
  {
    page: '[...locale]/account/index.astro',
    note: 'my profile',
    path: () => '/account',
    form: () => ({
      intent: 'profile',
      displayName: '新しい 名前',
      nameKana: '',
      phone: '',
      districtId: '',
      locale: 'ja',
    }),
    done: /^\/account\?done=profile#profile$/,
    expect: signedIn('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/index.astro',
    note: 'end my other sessions',
    path: () => '/account',
    form: () => ({ intent: 'end-others' }),
    done: /^\/account\?done=end-others#sessions$/,
    expect: signedIn('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/password.astro',
    path: () => '/account/password',
    form: (w, p) => ({ currentPassword: passwordOf(w, p), newPassword: NEW_PASSWORD, confirm: NEW_PASSWORD }),
    done: /^\/account\/password\?done$/,
    expect: signedIn('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/delete.astro',
    path: () => '/account/delete',
    form: (w, p) => ({ password: passwordOf(w, p) }),
    done: /^\/account\/sign-in\?deleted$/,
    expect: signedIn('done'),
    fresh: true,
  },

  // Administration: admins only.
  {
    page: '[...locale]/account/admin.astro',
    note: 'grant a role',
    path: () => '/account/admin',
    form: (w) => ({ email: w.people.volunteer.email, role: 'driver', action: 'grant' }),
    done: /^\/account\/admin\?done$/,
    expect: only('done', 403, 'admin'),
    fresh: true,
  },
  {
    page: '[...locale]/account/admin.astro',
    note: 'end someone’s sessions',
    path: () => '/account/admin',
    form: (w) => ({ intent: 'end-sessions', sessionsEmail: w.people.volunteer.email }),
    done: /^\/account\/admin\?ended=\d+#end-sessions$/,
    expect: only('done', 403, 'admin'),
    fresh: true,
  },

  // Organizations: anyone signed in registers one; only A's owner manages A's members.
  {
    page: '[...locale]/account/organizations/index.astro',
    path: () => '/account/organizations',
    form: () => ({ name: '新しい 団体', kind: 'npo', corporateNumber: '7000012050002' }),
    done: /^\/account\/organizations\/\w+\?registered$/,
    expect: signedIn('done'),
    fresh: true,
  },
  {
    page: '[...locale]/account/organizations/[id].astro',
    note: 'add a member to A',
    path: (w) => `/account/organizations/${w.orgA}`,
    form: () => ({ email: 'helper@example.jp' }),
    done: /^\/account\/organizations\/\w+\?invited$/,
    expect: { ...signedIn(404), businessA: 'done' },
    fresh: true,
  },
  {
    page: '[...locale]/account/organizations/[id].astro',
    note: 'remove a member of A',
    path: (w) => `/account/organizations/${w.orgA}`,
    form: (w) => ({ intent: 'remove', userId: w.orgAExtraMember.id }),
    done: /^\/account\/organizations\/\w+\?removed$/,
    expect: { ...signedIn(404), businessA: 'done' },
    fresh: true,
  },

  // The coordinator console: coordinators only, and only for the residents they serve.
  {
    page: '[...locale]/account/coordinator/index.astro',
    note: 'review a pending organization',
    path: () => '/account/coordinator',
    form: (w) => ({ intent: 'review', org: w.pendingOrg, decision: 'verify' }),
    done: /^\/account\/coordinator\?reviewed#pending$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },
  {
    page: '[...locale]/account/coordinator/index.astro',
    note: 'search the people I serve (answered on the page)',
    path: () => '/account/coordinator',
    form: () => ({ query: '支援' }),
    expect: only(200, 403, 'coordinator'),
  },
  {
    page: '[...locale]/account/coordinator/register.astro',
    path: () => '/account/coordinator/register',
    form: () => ({ displayName: '代理 登録', purposes: ['coordination'], channel: 'phone', decidedBy: 'person' }),
    done: /^\/account\/coordinator\/residents\/\w+\?registered$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },
  {
    page: '[...locale]/account/coordinator/residents/[id].astro',
    note: 'edit a resident the coordinator serves',
    path: (w) => `/account/coordinator/residents/${w.servedResident}`,
    form: () => residentEdit,
    done: /^\/account\/coordinator\/residents\/\w+\?saved$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },
  {
    page: '[...locale]/account/coordinator/residents/[id].astro',
    note: 'edit a resident the coordinator does not serve',
    path: (w) => `/account/coordinator/residents/${w.unservedResident}`,
    form: () => residentEdit,
    done: /^\/account\/coordinator\/residents\/\w+\?saved$/,
    expect: only(404, 403, 'coordinator'),
  },
  {
    page: '[...locale]/account/coordinator/residents/[id].astro',
    note: 'record a consent given on paper',
    path: (w) => `/account/coordinator/residents/${w.servedResident}`,
    form: () => ({
      intent: 'consent',
      purpose: 'matching',
      action: 'granted',
      channel: 'paper',
      decidedBy: 'guardian',
    }),
    done: /^\/account\/coordinator\/residents\/\w+\?consent#consents$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },
  {
    page: '[...locale]/account/coordinator/residents/[id].astro',
    note: 'delete the record of a resident the coordinator serves',
    path: (w) => `/account/coordinator/residents/${w.servedResident}`,
    form: () => ({ intent: 'delete', confirm: 'yes' }),
    done: /^\/account\/coordinator\?deleted$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },

  {
    page: '[...locale]/account/coordinator/residents/[id].astro',
    note: 'record business B’s owner as a guardian of a resident the coordinator serves',
    path: (w) => `/account/coordinator/residents/${w.servedResident}`,
    form: (w) => ({
      intent: 'guardian-add',
      guardianEmail: w.people.businessB.email,
      kind: 'supporter',
      basis: 'phone',
      startsOn: '2026-01-05',
    }),
    done: /^\/account\/coordinator\/residents\/\w+\?guardian=added#guardians$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },
  {
    page: '[...locale]/account/coordinator/residents/[id].astro',
    note: 'end the active guardianship of a resident the coordinator serves',
    path: (w) => (gx(w), `/account/coordinator/residents/${w.servedResident}`),
    form: (w) => ({ intent: 'guardian-end', guardianship: gx(w).activeId }),
    done: /^\/account\/coordinator\/residents\/\w+\?guardian=ended#guardians$/,
    expect: only('done', 403, 'coordinator'),
    fresh: true,
  },

  // Guardians (api/test/guardian-world.ts): the resident persona is the active guardian of the
  // served resident; the volunteer's guardianship has not started; nobody else is a guardian.
  {
    page: '[...locale]/account/guardian/[id].astro',
    note: 'record a consent for the person one is guardian of',
    path: (w) => (gx(w), `/account/guardian/${w.servedResident}`),
    form: () => ({ purpose: 'matching', action: 'granted' }),
    done: /^\/account\/guardian\/\w+\?done#consents$/,
    expect: { ...signedIn(404), resident: 'done' },
    fresh: true,
  },
  {
    page: '[...locale]/account/guardian/[id].astro',
    note: 'someone nobody here is guardian of',
    path: (w) => (gx(w), `/account/guardian/${w.unservedResident}`),
    form: () => ({ purpose: 'matching', action: 'granted' }),
    expect: signedIn(404),
  },

  // Opportunities: sign-ups are anyone's own; A's opportunities are A's members' and coordinators'.
  {
    page: '[...locale]/opportunities/[id]/sign-up.astro',
    note: 'signed out, the page only offers the sign-in link',
    path: (w) => `/opportunities/${fx(w).opportunityA}/sign-up?shift=${fx(w).freeShiftA}`,
    form: () => ({}),
    done: /^\/opportunities\/mine\?signed-up=confirmed$/,
    expect: { ...everyone('done'), anonymous: 200 },
    fresh: true,
  },
  {
    page: '[...locale]/opportunities/mine.astro',
    note: 'cancel the volunteer’s sign-up: theirs alone',
    path: () => '/opportunities/mine',
    form: (w) => ({ signupId: String(fx(w).signupId) }),
    done: /^\/opportunities\/mine\?cancelled=1$/,
    expect: { ...signedIn(404), volunteer: 'done' },
    fresh: true,
  },
  {
    page: '[...locale]/opportunities/profile.astro',
    path: () => '/opportunities/profile',
    form: () => ({ districtId: 'kangi', availability: ['6:morning'], consentToMatching: 'yes' }),
    done: /^\/opportunities\/profile\?saved=1$/,
    expect: signedIn('done'),
    fresh: true,
  },
  {
    page: '[...locale]/opportunities/manage/new.astro',
    note: 'post for organization A (people who may post nowhere are sent to the dashboard)',
    path: () => '/opportunities/manage/new',
    form: (w) => ({
      orgId: w.orgA,
      title: '新しい活動',
      description: '説明',
      category: 'salon',
      districtId: 'kangi',
      status: 'published',
      ...shiftFields(),
    }),
    done: /^\/opportunities\/manage\/\d+\?created=1$/,
    expect: {
      ...signedIn('303 /opportunities/manage'),
      businessA: 'done',
      businessB: 403,
      coordinator: 'done',
    },
    fresh: true,
  },
  {
    page: '[...locale]/opportunities/manage/[id].astro',
    note: 'close A’s opportunity',
    path: (w) => `/opportunities/manage/${fx(w).opportunityA}`,
    form: () => ({ action: 'status', status: 'closed' }),
    done: /^\/opportunities\/manage\/\d+\?done=status$/,
    expect: { ...signedIn(404), businessA: 'done', coordinator: 'done' },
    fresh: true,
  },
  {
    page: '[...locale]/opportunities/manage/[id].astro',
    note: 'add a shift to A’s opportunity',
    path: (w) => `/opportunities/manage/${fx(w).opportunityA}`,
    form: () => ({ action: 'shifts', ...shiftFields() }),
    done: /^\/opportunities\/manage\/\d+\?done=shifts$/,
    expect: { ...signedIn(404), businessA: 'done', coordinator: 'done' },
    fresh: true,
  },
  {
    page: '[...locale]/opportunities/manage/[id].astro',
    note: 'record attendance on A’s started shift',
    path: (w) => `/opportunities/manage/${fx(w).opportunityA}`,
    form: (w) => {
      const { startedShiftA, startedSignupId } = fx(w);
      return {
        action: 'attendance',
        shiftId: String(startedShiftA),
        signupId: String(startedSignupId),
        [`attendance-${startedSignupId}`]: 'attended',
        [`minutes-${startedSignupId}`]: '90',
      };
    },
    done: /^\/opportunities\/manage\/\d+\?done=attendance&recorded=1#shift-\d+$/,
    expect: { ...signedIn(404), businessA: 'done', coordinator: 'done' },
    fresh: true,
  },
];
