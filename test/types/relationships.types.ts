/**
 * Type tests (issue 15 A.8): backPopulates names a relationship property of the target class.
 */
import { column, declarativeBase, ForeignKey, Integer, relationship, VARCHAR } from "../../src/index.js";

const Base = declarativeBase();

class Owner extends Base.table("rt_owners", { id: column(Integer).primaryKey(), name: column(VARCHAR(50)) }) {
  static pets = relationship(() => Pet, { backPopulates: "owner", cascade: "all, delete-orphan" });
  declare pets: Pet[];
}

class Pet extends Base.table("rt_pets", {
  id: column(Integer).primaryKey(),
  ownerId: column(Integer, ForeignKey("rt_owners.id")),
}) {
  static owner = relationship(() => Owner, { backPopulates: "pets" });
  declare owner: Owner;
}

class Vet extends Base.table("rt_vets", { id: column(Integer).primaryKey() }) {
  // @ts-expect-error Pet has no relationship "vets"
  static pets = relationship(() => Pet, { backPopulates: "vets" });
  // @ts-expect-error a column is not a relationship
  static owners = relationship(() => Owner, { backPopulates: "name" });
}

void [Owner, Pet, Vet];
