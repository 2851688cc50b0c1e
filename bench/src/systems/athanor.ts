/** Athanor as built in the repository's dist/ (see _athanor.ts for what each workload calls). */
import * as athanor from "athanor";
import { athanorSystem } from "./_athanor.ts";

export default athanorSystem(athanor, "athanor", "Athanor 0.1.0");
