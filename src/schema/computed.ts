/** `GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY (START WITH n INCREMENT BY m)`. */
export class IdentityDef {
  readonly always: boolean;
  readonly start: number | undefined;
  readonly increment: number | undefined;
  constructor(opts: { always?: boolean; start?: number; increment?: number } = {}) {
    this.always = opts.always ?? false;
    this.start = opts.start;
    this.increment = opts.increment;
  }
}

/** `GENERATED ALWAYS AS (sqltext) [STORED | VIRTUAL]`. */
export class ComputedDef {
  readonly sqltext: string;
  /** STORED (true), VIRTUAL (false), or the database's default (undefined; PostgreSQL needs STORED). */
  readonly persisted: boolean | undefined;
  constructor(sqltext: string, opts: { persisted?: boolean } = {}) {
    this.sqltext = sqltext;
    this.persisted = opts.persisted;
  }
}

export type Identity = IdentityDef;
export type Computed = ComputedDef;

/** `Identity({ always, start, increment })`, as an argument to column(). */
export function Identity(opts?: { always?: boolean; start?: number; increment?: number }): IdentityDef {
  return new IdentityDef(opts);
}

/** `Computed("price * qty", { persisted: true })`, as an argument to column(). */
export function Computed(sqltext: string, opts?: { persisted?: boolean }): ComputedDef {
  return new ComputedDef(sqltext, opts);
}
