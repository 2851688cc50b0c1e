/**
 * The deterministic data set: every run, on every database, gets byte-for-byte the same rows.
 */
import type { NewOrder } from "../system.ts";
import type { Sizes } from "./config.ts";

/** mulberry32: a small, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Ada",
  "Alan",
  "Barbara",
  "Claude",
  "Donald",
  "Edsger",
  "Frances",
  "Grace",
  "Hedy",
  "Ivan",
  "John",
  "Ken",
  "Leslie",
  "Margaret",
  "Niklaus",
  "Radia",
  "Shafi",
  "Tim",
  "Whitfield",
  "Yukihiro",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Liskov",
  "Shannon",
  "Knuth",
  "Dijkstra",
  "Allen",
  "Hopper",
  "Lamarr",
  "Sutherland",
  "Backus",
  "Thompson",
  "Lamport",
  "Hamilton",
  "Wirth",
  "Perlman",
  "Goldwasser",
  "Berners-Lee",
  "Diffie",
  "Matsumoto",
];
const CITIES = [
  "Amsterdam",
  "Berlin",
  "Cairo",
  "Dakar",
  "Edinburgh",
  "Florence",
  "Geneva",
  "Hanoi",
  "Istanbul",
  "Jakarta",
  "Kyoto",
  "Lima",
  "Madrid",
  "Nairobi",
  "Oslo",
  "Porto",
  "Quito",
  "Riga",
  "Seoul",
  "Tunis",
  "Utrecht",
  "Valencia",
  "Warsaw",
  "Xi'an",
  "Yerevan",
  "Zagreb",
];
/** Statuses of seeded and inserted orders. */
export const STATUSES = ["pending", "paid", "shipped", "delivered", "cancelled"] as const;
/** Statuses W5 writes: disjoint from STATUSES, so that every W5 run changes every row it touches. */
export const W5_STATUSES = ["processing", "on_hold", "refunded"] as const;
const NOTES = [
  "leave at the door",
  "gift wrap",
  "call before delivery",
  "fragile",
  "second floor",
  "ring twice",
  "no plastic",
  "deliver after 6 pm",
];

export const EPOCH_2020 = Date.UTC(2020, 0, 1);
const THREE_YEARS_MS = 3 * 365 * 24 * 3600 * 1000;
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The seeded tables, column by column (index i holds the row with id i + 1). */
export interface DataSet {
  readonly sizes: Sizes;
  readonly customers: {
    readonly name: string[];
    readonly email: string[];
    readonly city: string[];
    readonly createdAt: number[];
  };
  readonly orders: {
    readonly customerId: Int32Array;
    readonly status: string[];
    /** Exact decimal strings with two places. */
    readonly total: string[];
    readonly note: (string | null)[];
    readonly createdAt: number[];
  };
  /** Orders per customer, index i for customer id i + 1. */
  readonly ordersPerCustomer: Int32Array;
  /** W1: the customer ids to look up, in order. */
  readonly lookupIds: Int32Array;
  /** W4: the orders to insert (same rows for every system and round). */
  readonly newOrders: readonly NewOrder[];
  /** W4 checks: sum of totals in cents, and number of null notes. */
  readonly newOrdersTotalCents: number;
  readonly newOrdersNullNotes: number;
  /** W4 check: sum of the new orders' created_at in milliseconds since 2020-01-01 (exact in a double). */
  readonly newOrdersCreatedAtMsSum: number;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function cents(rand: () => number): number {
  return 100 + Math.floor(rand() * 99_900); // 1.00 .. 999.99
}

function decimal(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
}

export function generate(sizes: Sizes): DataSet {
  const rand = prng(0x5eed_a7a0);
  const customers = {
    name: [] as string[],
    email: [] as string[],
    city: [] as string[],
    createdAt: [] as number[],
  };
  for (let i = 1; i <= sizes.customers; i++) {
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    customers.name.push(`${first} ${last}`);
    customers.email.push(`${first}.${last}.${i}@example.com`.toLowerCase());
    customers.city.push(pick(rand, CITIES));
    customers.createdAt.push(EPOCH_2020 + Math.floor(rand() * THREE_YEARS_MS));
  }

  const n = sizes.orders;
  const orders = {
    customerId: new Int32Array(n),
    status: [] as string[],
    total: [] as string[],
    note: [] as (string | null)[],
    createdAt: [] as number[],
  };
  const ordersPerCustomer = new Int32Array(sizes.customers);
  for (let i = 0; i < n; i++) {
    const customerId = 1 + Math.floor(rand() * sizes.customers);
    orders.customerId[i] = customerId;
    ordersPerCustomer[customerId - 1]!++;
    orders.status.push(pick(rand, STATUSES));
    orders.total.push(decimal(cents(rand)));
    orders.note.push(rand() < 0.3 ? pick(rand, NOTES) : null);
    orders.createdAt.push(customers.createdAt[customerId - 1]! + Math.floor(rand() * ONE_YEAR_MS));
  }

  const lookupIds = new Int32Array(sizes.w1Lookups);
  for (let i = 0; i < lookupIds.length; i++) lookupIds[i] = 1 + Math.floor(rand() * sizes.customers);

  const rand4 = prng(0x0000_0004);
  const newOrders: NewOrder[] = [];
  let newOrdersTotalCents = 0;
  let newOrdersNullNotes = 0;
  let newOrdersCreatedAtMsSum = 0;
  for (let i = 0; i < sizes.w4Rows; i++) {
    const c = cents(rand4);
    newOrdersTotalCents += c;
    const note = rand4() < 0.3 ? pick(rand4, NOTES) : null;
    if (note === null) newOrdersNullNotes++;
    newOrders.push({
      customerId: 1 + Math.floor(rand4() * sizes.customers),
      status: pick(rand4, STATUSES),
      total: decimal(c),
      note,
      createdAt: new Date(EPOCH_2020 + THREE_YEARS_MS + Math.floor(rand4() * ONE_YEAR_MS)),
    });
    newOrdersCreatedAtMsSum += newOrders[newOrders.length - 1]!.createdAt.getTime() - EPOCH_2020;
  }

  return {
    sizes,
    customers,
    orders,
    ordersPerCustomer,
    lookupIds,
    newOrders,
    newOrdersTotalCents,
    newOrdersNullNotes,
    newOrdersCreatedAtMsSum,
  };
}

/** SQLite stores created_at as ISO-8601 text with an explicit UTC offset (parsed correctly by every peer). */
export function sqliteTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

/** The status W5 run number `run` gives to order `id`: differs from the previous run's for every id. */
export function w5Status(run: number, id: number): string {
  return W5_STATUSES[(id + run) % W5_STATUSES.length]!;
}
