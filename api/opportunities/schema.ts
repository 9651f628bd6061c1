/**
 * zod schemas (OpenAPI) of /api/opportunities and /api/matches.
 */
import { z } from '@hono/zod-openapi';
import { CATEGORIES, LANGUAGES, OPPORTUNITY_STATUSES, QUALIFICATIONS, SKILLS } from './taxonomy.ts';

const code = z.string().max(40);
const codeList = z.array(code).max(40);

/** A numeric id in a path. */
export const NumericId = z.string().regex(/^\d{1,12}$/, 'A number is expected.');

export const IdParam = z.object({ id: NumericId });
export const ShiftParam = z.object({ shiftId: NumericId });
export const SignupParam = z.object({ signupId: NumericId });

export const PublicShiftSchema = z
  .object({
    id: z.number().int(),
    startsAt: z.number().int().openapi({ description: 'Unix seconds (UTC)' }),
    endsAt: z.number().int(),
    capacity: z.number().int(),
    seatsLeft: z.number().int(),
    waitlisted: z.number().int(),
  })
  .openapi('Shift');

export const PublicOpportunitySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    category: z.string().openapi({ description: `One of ${CATEGORIES.join(', ')}` }),
    skills: z.array(z.string()),
    organizer: z.string().nullable().openapi({ description: 'Organization name; null = 社会福祉協議会' }),
    placeId: z.string().nullable(),
    placeName: z.object({ ja: z.string(), en: z.string() }).nullable(),
    address: z.string().nullable(),
    districtId: z.string().nullable(),
    point: z.tuple([z.number(), z.number()]).nullable().openapi({ description: 'Approximate [lng, lat]' }),
    minAge: z.number().int().nullable(),
    qualifications: z.array(z.string()),
    whatToBring: z.string().nullable(),
    insuranceNote: z.string().nullable(),
    recurrence: z.string().nullable(),
    status: z.enum(OPPORTUNITY_STATUSES),
    sample: z.boolean(),
    shifts: z.array(PublicShiftSchema),
  })
  .openapi('Opportunity');

export const ManagedOpportunitySchema = PublicOpportunitySchema.extend({
  orgId: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  allShifts: z.array(PublicShiftSchema.extend({ confirmed: z.number().int(), status: z.enum(['open', 'cancelled']) })),
  upcoming: z.object({
    shifts: z.number().int(),
    capacity: z.number().int(),
    confirmed: z.number().int(),
    fillRate: z.number(),
  }),
}).openapi('ManagedOpportunity');

export const ListItemSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    category: z.string(),
    districtId: z.string().nullable(),
    placeId: z.string().nullable(),
    organizer: z.string().nullable(),
    sample: z.boolean(),
    nextShift: z
      .object({
        id: z.number().int(),
        startsAt: z.number().int(),
        endsAt: z.number().int(),
        seatsLeft: z.number().int(),
      })
      .nullable(),
  })
  .openapi('OpportunityListItem');

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date YYYY-MM-DD is expected.')
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
  }, 'Not a real date.');

export const ListQuery = z.object({
  category: z.enum(CATEGORIES).optional(),
  district: z.string().max(40).optional(),
  from: date.optional().openapi({ description: 'First day (Japan time), inclusive' }),
  to: date.optional().openapi({ description: 'Last day (Japan time), inclusive' }),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  perPage: z.coerce.number().int().min(1).max(100).optional(),
});

export const ListResponse = z
  .object({
    items: z.array(ListItemSchema),
    page: z.number().int(),
    perPage: z.number().int(),
    nextPage: z.number().int().nullable(),
  })
  .openapi('OpportunityList');

const ShiftInputSchema = z.object({
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  capacity: z.number().int(),
});

const RecurrenceSchema = z
  .object({
    rule: z.string().max(200).openapi({ example: 'FREQ=WEEKLY;BYDAY=SA' }),
    firstDate: z.string().max(10),
    lastDate: z.string().max(10),
    start: z.string().max(5).openapi({ example: '10:00' }),
    end: z.string().max(5),
    skipHolidays: z.boolean().default(false),
    capacity: z.number().int(),
  })
  .openapi('Recurrence');

const opportunityFields = {
  title: z.string().max(400),
  description: z.string().max(8000),
  category: z.enum(CATEGORIES),
  skills: z.array(z.enum(SKILLS)).max(20).optional(),
  placeId: z.string().max(100).nullable().optional(),
  address: z.string().max(400).nullable().optional(),
  districtId: z.string().max(40).nullable().optional(),
  minAge: z.number().int().nullable().optional(),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(10).optional(),
  whatToBring: z.string().max(2000).nullable().optional(),
  insuranceNote: z.string().max(2000).nullable().optional(),
};

export const CreateBody = z
  .object({
    orgId: z.string().max(100).nullable().optional(),
    ...opportunityFields,
    status: z.enum(['draft', 'published']).optional(),
    shifts: z.array(ShiftInputSchema).max(200).optional(),
    recurrence: RecurrenceSchema.nullable().optional(),
  })
  .openapi('OpportunityCreate');

export const UpdateBody = z
  .object({
    title: opportunityFields.title.optional(),
    description: opportunityFields.description.optional(),
    category: opportunityFields.category.optional(),
    skills: opportunityFields.skills,
    placeId: opportunityFields.placeId,
    address: opportunityFields.address,
    districtId: opportunityFields.districtId,
    minAge: opportunityFields.minAge,
    qualifications: opportunityFields.qualifications,
    whatToBring: opportunityFields.whatToBring,
    insuranceNote: opportunityFields.insuranceNote,
    status: z.enum(OPPORTUNITY_STATUSES).optional(),
  })
  .openapi('OpportunityUpdate');

export const AddShiftsBody = z
  .object({ shifts: z.array(ShiftInputSchema).max(200).optional(), recurrence: RecurrenceSchema.nullable().optional() })
  .openapi('ShiftsAdd');

export const SignupBody = z
  .object({
    forUserId: z.string().max(100).optional().openapi({ description: 'Coordinators: a resident they support' }),
    confirmRequirements: z.boolean().optional(),
  })
  .openapi('SignupRequest');

export const SignupResultSchema = z
  .object({
    signupId: z.number().int(),
    shiftId: z.number().int(),
    opportunityId: z.number().int(),
    status: z.enum(['confirmed', 'waitlisted']),
    position: z.number().int().nullable(),
    created: z.boolean(),
  })
  .openapi('SignupResult');

export const CancelResultSchema = z.object({
  signupId: z.number().int(),
  status: z.literal('cancelled'),
  promotedSignupId: z.number().int().nullable(),
});

const RosterEntrySchema = z.object({
  signupId: z.number().int(),
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['confirmed', 'waitlisted']),
  position: z.number().int().nullable(),
  byProxy: z.boolean(),
  attendance: z.enum(['attended', 'absent']).nullable(),
  minutes: z.number().int().nullable(),
});

export const RosterSchema = z
  .object({
    opportunity: ManagedOpportunitySchema,
    shifts: z.array(
      PublicShiftSchema.extend({
        confirmed: z.number().int(),
        status: z.enum(['open', 'cancelled']),
        roster: z.array(RosterEntrySchema),
      }),
    ),
  })
  .openapi('Roster');

export const AttendanceBody = z
  .object({
    entries: z
      .array(
        z.object({
          signupId: z.number().int(),
          attendance: z.enum(['attended', 'absent']),
          minutes: z.number().int().nullable().optional(),
        }),
      )
      .min(1)
      .max(1000),
  })
  .openapi('Attendance');

const MySignupSchema = z.object({
  signupId: z.number().int(),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  position: z.number().int().nullable(),
  byProxy: z.boolean(),
  attendance: z.enum(['attended', 'absent']).nullable(),
  minutes: z.number().int().nullable(),
  shift: z.object({ id: z.number().int(), startsAt: z.number().int(), endsAt: z.number().int() }),
  opportunity: z.object({
    id: z.number().int(),
    title: z.string(),
    organizer: z.string().nullable(),
    placeId: z.string().nullable(),
    address: z.string().nullable(),
    whatToBring: z.string().nullable(),
    sample: z.boolean(),
  }),
});

export const HoursSchema = z.object({
  totalMinutes: z.number().int(),
  activities: z.number().int(),
  byYear: z.array(z.object({ year: z.number().int(), minutes: z.number().int(), activities: z.number().int() })),
});

export const MySignupsSchema = z
  .object({ upcoming: z.array(MySignupSchema), past: z.array(MySignupSchema), hours: HoursSchema })
  .openapi('MySignups');

export const ProfileSchema = z
  .object({
    districtId: z.string().nullable(),
    interests: z.array(z.string()),
    skills: z.array(z.string()),
    qualifications: z.array(z.string()),
    availability: z.array(z.string()).openapi({ description: '`weekday:part`, e.g. `6:morning` (0 = Sunday)' }),
    languages: z.array(z.string()),
    maxTravelKm: z.number().int().nullable(),
    birthYear: z.number().int().nullable(),
    updatedAt: z.number().int().nullable(),
  })
  .openapi('VolunteerProfile');

export const ProfileBody = z
  .object({
    districtId: z.string().max(40).nullable().optional(),
    interests: codeList.optional(),
    skills: codeList.optional(),
    qualifications: codeList.optional(),
    availability: z.array(z.string().max(20)).max(21).optional(),
    languages: z.array(z.enum(LANGUAGES)).max(10).optional(),
    maxTravelKm: z.number().int().nullable().optional(),
    birthYear: z.number().int().nullable().optional(),
    consentToMatching: z.boolean().optional().openapi({
      description:
        'true records the consent for the purpose `matching` (using this profile for suggestions); the profile is saved only with that consent',
    }),
  })
  .openapi('VolunteerProfileUpdate');

export const MatchesSchema = z
  .object({
    profileComplete: z.boolean(),
    consentNeeded: z.boolean().openapi({ description: 'No consent for `matching`: no suggestions are made' }),
    items: z.array(
      z.object({
        opportunity: ListItemSchema,
        score: z.number(),
        reasons: z.array(z.string()).openapi({ description: 'Reasons in the person’s language' }),
        shifts: z.array(
          z.object({
            id: z.number().int(),
            startsAt: z.number().int(),
            endsAt: z.number().int(),
            seatsLeft: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .openapi('Matches');

export const OverviewSchema = z
  .object({
    totals: z.object({
      opportunities: z.number().int(),
      shifts: z.number().int(),
      capacity: z.number().int(),
      confirmed: z.number().int(),
      waitlisted: z.number().int(),
      fillRate: z.number(),
    }),
    opportunities: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        organizer: z.string().nullable(),
        status: z.enum(OPPORTUNITY_STATUSES),
        shifts: z.number().int(),
        capacity: z.number().int(),
        confirmed: z.number().int(),
        fillRate: z.number(),
      }),
    ),
    openSeatsNext7Days: z.array(
      z.object({
        shiftId: z.number().int(),
        startsAt: z.number().int(),
        endsAt: z.number().int(),
        capacity: z.number().int(),
        confirmed: z.number().int(),
        seatsLeft: z.number().int(),
        opportunityId: z.number().int(),
        title: z.string(),
        organizer: z.string().nullable(),
      }),
    ),
  })
  .openapi('CoordinatorOverview');
