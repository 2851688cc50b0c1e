/**
 * Type tests (issue 15 A.1): a relationship's declared instance property must hold its target.
 * A model naming itself as its base's type argument (`<typeof Kit>`) is checked where the property
 * is declared: the base's instance type has each relationship static's property, and a subclass's
 * property must be assignable to its base's. A model without the argument is checked where it is
 * used (select(), db.query(), aliased(), db.get()): its base knows nothing of its statics.
 */
import { expectTypeOf } from "vitest";
import {
  aliased,
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  type Session,
  type ShardedSession,
  select,
  selectinload,
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
declare const sharded: ShardedSession;

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
// @ts-expect-error aliased() checks the same
aliased(Pet);
aliased(Owner);
// @ts-expect-error db.get() checks the same
await db.get(Pet, 1);
// @ts-expect-error db.getOne() too
await db.getOne(Toy, 1);
// @ts-expect-error a sharded session's get() too
await sharded.get(Pet, 1);
expectTypeOf(await db.get(Owner, 1)).toEqualTypeOf<Owner | null>();
expectTypeOf(await db.getOne(User, 1)).toEqualTypeOf<User>();
expectTypeOf(await sharded.get(Post, { id: 1 })).toEqualTypeOf<Post | null>();

// The self-typed form: checked at the declaration.
class Shelter extends Base.table("md_shelters", { id: column(Integer).primaryKey() })<typeof Shelter> {
  static dogs = relationship(() => Dog, { backPopulates: "shelter" });
  declare dogs: Dog[];
  static describe(): string {
    return "shelter";
  }
}

class Dog extends Base.table("md_dogs", {
  id: column(Integer).primaryKey(),
  shelterId: column(Integer, ForeignKey("md_shelters.id")).nullable(),
  parentId: column(Integer, ForeignKey("md_dogs.id")).nullable(),
})<typeof Dog> {
  static shelter = relationship(() => Shelter, { backPopulates: "dogs" });
  static parent = relationship(() => Dog, { backPopulates: "puppies", remoteSide: () => Dog.id });
  static puppies = relationship(() => Dog, { backPopulates: "parent" });
  declare shelter: Shelter | null;
  declare parent: Dog | null;
  declare puppies: Dog[];
}

class Kennel extends Base.table("md_kennels", {
  id: column(Integer).primaryKey(),
  shelterId: column(Integer, ForeignKey("md_shelters.id")),
})<typeof Kennel> {
  static shelter = relationship(() => Shelter);
  static dogs = relationship(() => Dog);
  // @ts-expect-error Kennel.shelter is declared as Dog but relationship() targets Shelter
  declare shelter: Dog;
  // @ts-expect-error an array of another model
  declare dogs: Shelter[];
}

const shelter = new Shelter({ dogs: [new Dog({ puppies: [] })] });
expectTypeOf(shelter.dogs).toEqualTypeOf<Dog[]>();
expectTypeOf(shelter.dogs[0]!.parent).toEqualTypeOf<Dog | null>();
expectTypeOf(Shelter.describe()).toEqualTypeOf<string>();
select(Shelter).options(selectinload(Shelter.dogs).joinedload(Dog.puppies));
void Kennel;

// @ts-expect-error the type argument is the class (typeof Dog), not its instance type
class Wrong extends Base.table("md_wrong", { id: column(Integer).primaryKey() })<Wrong> {}
void Wrong;
