/**
 * Athanor as built in dist/, with W3 loading each customer's orders inside the customers' query as JSON
 * (`jsonload(Customer.orders)`: one statement) instead of selectinload's second query.
 */
import * as athanor from "athanor";
import { athanorSystem } from "./_athanor.ts";

export default athanorSystem(athanor, "athanor-json", "Athanor 0.1.0 (W3 jsonload)", "jsonload");
