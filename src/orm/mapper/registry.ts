import type { MetaData } from "../../schema/metadata.js";
import type { Mapper } from "./mapper.js";

/** Resolves a relationship's target class to its mapper (mapping it when first seen). */
export type MapperResolver = (cls: abstract new (...args: any) => any) => Mapper;

/**
 * The mappers of one declarative base. Relationships are configured lazily, all together, on
 * first use (a query, a session operation): targets are resolved, joins analysed, and
 * backPopulates pairs linked; every problem is reported with the model, property and fix.
 */
export class Registry {
  readonly metadata: MetaData;
  readonly mappers: Mapper[] = [];
  #pending = false;
  #configuring = false;
  #resolve: MapperResolver | null = null;

  constructor(metadata: MetaData) {
    this.metadata = metadata;
  }

  /** @internal Installed by the mapping module (avoids a module cycle). */
  setResolver(resolve: MapperResolver): void {
    this.#resolve = resolve;
  }

  register(mapper: Mapper): void {
    this.mappers.push(mapper);
    this.#pending = true;
  }

  /** Whether some mapper still has unconfigured relationships. */
  get needsConfigure(): boolean {
    return this.#pending;
  }

  /** Configures every mapper's relationships (and maps their targets). */
  configure(): void {
    if (!this.#pending || this.#configuring) return;
    this.#configuring = true;
    try {
      for (let i = 0; i < this.mappers.length; i++) {
        const m = this.mappers[i]!;
        for (const rel of m.relationships.values()) {
          if (rel.configured) continue;
          rel.configure(this.#resolve!(rel.targetClass()));
        }
      }
      for (const m of this.mappers) {
        for (const rel of m.relationships.values()) if (!rel.backref) rel.linkBackref();
        m.relationshipMemo.clear();
      }
      this.#pending = false;
    } finally {
      this.#configuring = false;
    }
  }
}
