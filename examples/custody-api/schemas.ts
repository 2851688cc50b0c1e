// Request and response bodies, derived from the models (the seeds' Pydantic schemas, without
// writing the fields a second time): the constraints (lengths, enums, nullability) come along.
import { createInsertSchema, createSelectSchema, createUpdateSchema } from "athanor/zod";
import { z } from "zod";
import { CustodyEvent, Kit, User } from "../custody/models.js";

const SERVER_SET = { id: true, createdAt: true, updatedAt: true } as const;

/** POST /users. */
export const UserCreate = createInsertSchema(User, { email: (s) => s.email() })
  .omit(SERVER_SET)
  .strict();
export const UserOut = createSelectSchema(User);

/** POST /kits: the seeds' `KitCreate` (code 1..50 characters, from String(50), plus their format). */
export const KitCreate = createInsertSchema(Kit, {
  code: (s) => s.regex(/^KIT-\d{3}$/, "code looks like KIT-001"),
})
  .omit({ ...SERVER_SET, status: true })
  .strict();
/** PATCH /kits/:id: any of these; the status moves only by check-out and check-in. */
export const KitUpdate = createUpdateSchema(Kit)
  .pick({ description: true, serialNumber: true, value: true })
  .strict();
export const KitOut = createSelectSchema(Kit);
/** GET /kits/:id: the kit with its custody events, eagerly loaded. */
export const KitDetail = createSelectSchema(Kit, { with: { custodyEvents: true } });
export const CustodyEventOut = createSelectSchema(CustodyEvent);

/** GET /kits query string: filters and the page. */
export const KitListQuery = z.object({
  status: KitOut.shape.status.optional(),
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});

/** GET /kits/feed query string: keyset pagination. */
export const KitFeedQuery = z.object({
  after: z.string().max(500).optional(),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});

/** POST /kits/:id/check-out: who takes it, their attestation, and when it comes back. */
export const CheckOut = createInsertSchema(CustodyEvent)
  .pick({ userId: true, notes: true, expectedReturnDate: true })
  // userId is optional on a custody event (a foreign key column may be set through the
  // relationship), but a check-out names its user.
  .extend({
    userId: z.number().int().positive(),
    attestationAccepted: z.literal(true, { error: "the attestation must be accepted" }),
  })
  .strict();
/** POST /kits/:id/check-in. */
export const CheckIn = createInsertSchema(CustodyEvent)
  .pick({ userId: true, notes: true })
  .extend({ userId: z.number().int().positive() })
  .strict();
