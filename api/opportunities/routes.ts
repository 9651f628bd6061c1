/**
 * /api/opportunities — the public list, detail and iCal feed (no account needed); posting and
 * managing (verified organizations' members, coordinators); sign-ups, cancellation, attendance;
 * my sign-ups and hours; my volunteer profile; the coordinator's overview. And /api/matches.
 * Thin handlers over api/opportunities/service.ts (shared with the pages).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentAuth, noStore, requireRole, requireUser, serviceContext } from '../auth/middleware.ts';
import { ACCOUNT_LOCALES } from '../auth/roles.ts';
import { createRouter, ErrorSchema } from '../lib/openapi.ts';
import { signUpBatched } from './batch.ts';
import { personalErrorResponses, publicJsonText, SESSION_SECURITY } from '../lib/responses.ts';
import {
  AddShiftsBody,
  AttendanceBody,
  CancelResultSchema,
  CreateBody,
  IdParam,
  ListQuery,
  ListResponse,
  ManagedOpportunitySchema,
  MatchesSchema,
  MySignupsSchema,
  OverviewSchema,
  ProfileBody,
  ProfileSchema,
  PublicOpportunitySchema,
  RosterSchema,
  ShiftParam,
  SignupBody,
  SignupParam,
  SignupResultSchema,
  UpdateBody,
} from './schema.ts';
import {
  addShifts,
  cancelSignup,
  coordinatorOverview,
  createOpportunity,
  getPublicOpportunity,
  getVolunteerProfile,
  icalFeed,
  listPublicOpportunitiesJson,
  matchesFor,
  myManagedOpportunities,
  mySignups,
  opportunityRoster,
  recordAttendance,
  saveVolunteerProfile,
  updateOpportunity,
} from './service.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
const tags = ['opportunities'];
const signedIn = { security: SESSION_SECURITY, middleware: [requireUser(), noStore()] };
const coordinators = { security: SESSION_SECURITY, middleware: [requireRole('coordinator'), noStore()] };
const publicErrors = {
  400: { description: 'Invalid request', ...json(ErrorSchema) },
  404: { description: 'Not found', ...json(ErrorSchema) },
};
const conflict = { 409: { description: 'Not possible now (closed, started …)', ...json(ErrorSchema) } };
const LocaleQuery = z.object({ locale: z.enum(ACCOUNT_LOCALES).optional() });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Published opportunities with an open shift ahead, soonest first (public fields, paged)',
    request: { query: ListQuery },
    responses: { 200: { description: 'A page of opportunities', ...json(ListResponse) }, ...publicErrors },
  }),
  feed: createRoute({
    method: 'get',
    path: '/feed.ics',
    tags,
    summary: 'iCal feed of the shifts of the next 90 days (public fields)',
    request: { query: LocaleQuery },
    responses: {
      200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } },
      ...publicErrors,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Post an opportunity with shifts (verified organizations’ members, coordinators)',
    ...signedIn,
    request: body(CreateBody),
    responses: { 201: { description: 'Posted', ...json(ManagedOpportunitySchema) }, ...personalErrorResponses },
  }),
  manage: createRoute({
    method: 'get',
    path: '/manage',
    tags,
    summary: 'The opportunities I manage, with fill rates',
    ...signedIn,
    responses: {
      200: { description: 'Mine to manage', ...json(z.object({ items: z.array(ManagedOpportunitySchema) })) },
      ...personalErrorResponses,
    },
  }),
  overview: createRoute({
    method: 'get',
    path: '/overview',
    tags,
    summary: 'Fill rates and the next 7 days’ shifts with free seats (coordinators)',
    ...coordinators,
    responses: { 200: { description: 'Overview', ...json(OverviewSchema) }, ...personalErrorResponses },
  }),
  getProfile: createRoute({
    method: 'get',
    path: '/profile',
    tags,
    summary: 'My volunteer profile',
    ...signedIn,
    responses: { 200: { description: 'Profile', ...json(ProfileSchema) }, ...personalErrorResponses },
  }),
  putProfile: createRoute({
    method: 'put',
    path: '/profile',
    tags,
    summary: 'Save my volunteer profile (地区 at most, never an address)',
    ...signedIn,
    request: body(ProfileBody),
    responses: { 200: { description: 'Saved', ...json(ProfileSchema) }, ...personalErrorResponses },
  }),
  mySignups: createRoute({
    method: 'get',
    path: '/signups/mine',
    tags,
    summary: 'My sign-ups (upcoming and past) and my hours',
    ...signedIn,
    responses: { 200: { description: 'Mine', ...json(MySignupsSchema) }, ...personalErrorResponses },
  }),
  cancel: createRoute({
    method: 'delete',
    path: '/signups/{signupId}',
    tags,
    summary: 'Cancel a sign-up (mine, or a supported resident’s); the first on the waitlist moves up',
    ...signedIn,
    request: { params: SignupParam },
    responses: {
      200: { description: 'Cancelled', ...json(CancelResultSchema) },
      ...personalErrorResponses,
      ...conflict,
    },
  }),
  signUp: createRoute({
    method: 'post',
    path: '/shifts/{shiftId}/signups',
    tags,
    summary: 'Sign up for a shift (a seat, or the waitlist when full); coordinators may sign up a resident',
    ...signedIn,
    request: { params: ShiftParam, ...body(SignupBody) },
    responses: {
      200: { description: 'Already signed up', ...json(SignupResultSchema) },
      201: { description: 'Signed up', ...json(SignupResultSchema) },
      ...personalErrorResponses,
      ...conflict,
    },
  }),
  attendance: createRoute({
    method: 'post',
    path: '/shifts/{shiftId}/attendance',
    tags,
    summary: 'Record attendance and hours (the organizer, coordinators)',
    ...signedIn,
    request: { params: ShiftParam, ...body(AttendanceBody) },
    responses: {
      200: { description: 'Recorded', ...json(z.object({ recorded: z.number().int() })) },
      ...personalErrorResponses,
      ...conflict,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One opportunity with its upcoming shifts (public fields)',
    request: { params: IdParam },
    responses: { 200: { description: 'Opportunity', ...json(PublicOpportunitySchema) }, ...publicErrors },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Edit, publish or close an opportunity (its organizer, coordinators)',
    ...signedIn,
    request: { params: IdParam, ...body(UpdateBody) },
    responses: { 200: { description: 'Saved', ...json(ManagedOpportunitySchema) }, ...personalErrorResponses },
  }),
  addShifts: createRoute({
    method: 'post',
    path: '/{id}/shifts',
    tags,
    summary: 'Add one-off shifts or shifts from a recurrence rule',
    ...signedIn,
    request: { params: IdParam, ...body(AddShiftsBody) },
    responses: { 200: { description: 'Added', ...json(ManagedOpportunitySchema) }, ...personalErrorResponses },
  }),
  roster: createRoute({
    method: 'get',
    path: '/{id}/roster',
    tags,
    summary: 'Shifts with volunteers and waitlists (the organizer, coordinators; reads are audited)',
    ...signedIn,
    responses: { 200: { description: 'Roster', ...json(RosterSchema) }, ...personalErrorResponses },
    request: { params: IdParam },
  }),
};

const matchRoute = createRoute({
  method: 'get',
  path: '/opportunities',
  tags: ['matching'],
  summary: 'Opportunities that fit me, with the reasons in my language',
  ...signedIn,
  request: {
    query: LocaleQuery.extend({ limit: z.coerce.number().int().min(1).max(50).optional() }),
  },
  responses: { 200: { description: 'Matches', ...json(MatchesSchema) }, ...personalErrorResponses },
});

const id = (value: string) => Number(value);

/** Routes under /api/opportunities. */
export const opportunityRoutes = createRouter();
opportunityRoutes
  .openapi(routes.list, (c) =>
    publicJsonText(c, listPublicOpportunitiesJson(c.var.deps.db, c.req.valid('query'), c.var.deps.now()), {
      maxAge: 60,
    }),
  )
  .openapi(routes.feed, (c) => {
    const { db, config, now } = c.var.deps;
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(icalFeed(db, config, now(), c.req.valid('query').locale ?? 'ja'), 200);
  })
  .openapi(routes.create, (c) => c.json(createOpportunity(serviceContext(c), currentAuth(c), c.req.valid('json')), 201))
  .openapi(routes.manage, (c) => c.json({ items: myManagedOpportunities(serviceContext(c), currentAuth(c)) }, 200))
  .openapi(routes.overview, (c) => c.json(coordinatorOverview(c.var.deps.db, c.var.deps.now()), 200))
  .openapi(routes.getProfile, (c) => c.json(getVolunteerProfile(c.var.deps.db, currentAuth(c).user.id), 200))
  .openapi(routes.putProfile, (c) =>
    c.json(saveVolunteerProfile(serviceContext(c), currentAuth(c), c.req.valid('json')), 200),
  )
  .openapi(routes.mySignups, (c) => c.json(mySignups(c.var.deps.db, currentAuth(c).user.id, c.var.deps.now()), 200))
  .openapi(routes.cancel, (c) =>
    c.json(cancelSignup(serviceContext(c), currentAuth(c), id(c.req.valid('param').signupId)), 200),
  )
  .openapi(routes.signUp, async (c) => {
    // Group commit (batch.ts): answered after the commit that holds this sign-up.
    const result = await signUpBatched(
      serviceContext(c),
      currentAuth(c),
      id(c.req.valid('param').shiftId),
      c.req.valid('json'),
    );
    return result.created ? c.json(result, 201) : c.json(result, 200);
  })
  .openapi(routes.attendance, (c) =>
    c.json(
      recordAttendance(
        serviceContext(c),
        currentAuth(c),
        id(c.req.valid('param').shiftId),
        c.req.valid('json').entries,
      ),
      200,
    ),
  )
  .openapi(routes.get, (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(getPublicOpportunity(c.var.deps.db, id(c.req.valid('param').id), c.var.deps.now()), 200);
  })
  .openapi(routes.update, (c) =>
    c.json(updateOpportunity(serviceContext(c), currentAuth(c), id(c.req.valid('param').id), c.req.valid('json')), 200),
  )
  .openapi(routes.addShifts, (c) =>
    c.json(addShifts(serviceContext(c), currentAuth(c), id(c.req.valid('param').id), c.req.valid('json')), 200),
  )
  .openapi(routes.roster, (c) =>
    c.json(opportunityRoster(serviceContext(c), currentAuth(c), id(c.req.valid('param').id)), 200),
  );

/** Routes under /api/matches. */
export const matchRoutes = createRouter();
matchRoutes.openapi(matchRoute, (c) => {
  const auth = currentAuth(c);
  const { locale, limit } = c.req.valid('query');
  return c.json(
    matchesFor(c.var.deps.db, auth.user.id, c.var.deps.now(), locale ?? auth.user.locale, limit ?? 20),
    200,
  );
});
