/**
 * Type tests (issue 15 A.1): a relationship's declared instance property must hold its target.
 * TypeScript cannot relate a class's statics to its instance properties where the class is
 * declared, so the mistake is reported where the class is first used: select() and db.query().
 */
import {
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  type Session,
  select,
  VARCHAR,
} from "../../src/index.js";
import { Comment, Post, User } from "./blog-models.js";

const Base = declarativeBase();

class Owner extends Base.table("md_owners", { id: column(Integer).primaryKey(), name: column(VARCHAR(50)) }) {
  static pets = relationship(() => Pet, { backPopulates: "owner" });
  declare pets: Pet[];
}

class Pet extends Base.table("md_pets", {
  id: column(Integer).primaryKey(),
  ownerId: column(Integer, ForeignKey("md_owners.id")),
}) {
  static owner = relationship(() => Owner, { backPopulates: "pets" });
  declare owner: Pet; // the mistake: should be Owner
}

class Toy extends Base.table("md_toys", {
  id: column(Integer).primaryKey(),
  petId: column(Integer, ForeignKey("md_pets.id")),
}) {
  static pet = relationship(() => Pet);
  declare pet: Owner[]; // the mistake: should be Pet (or Pet | null)
}

declare const db: Session;

// Consistent declarations: to-many as arrays, to-one as the target or null.
select(User);
select(Post, Comment.body);
select(Owner).where(Owner.name.eq("a"));
db.query(User).filter(User.email.eq("a"));
db.query(Owner, Post);

// @ts-expect-error Pet.owner is declared as Pet but relationship() targets Owner
select(Pet);
// @ts-expect-error also beside other items
select(Owner.id, Pet);
// @ts-expect-error db.query() checks the same
db.query(Pet);
// @ts-expect-error Toy.pet is declared as Owner[] but relationship() targets Pet
select(Toy);
