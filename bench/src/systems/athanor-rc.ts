/**
 * Athanor as built in dist/, on MySQL/MariaDB with the engine's isolation level READ COMMITTED (what
 * PostgreSQL gives by default) instead of the server's REPEATABLE READ: BEGIN then waits for the first
 * write, so a read-only session sends only its SELECTs, as the raw driver's autocommit statements do.
 */
import * as athanor from "athanor";
import { athanorSystem } from "./_athanor.ts";

export default athanorSystem(
  athanor,
  "athanor-rc",
  "Athanor 0.1.0 (READ COMMITTED)",
  "selectinload",
  "READ COMMITTED",
);
