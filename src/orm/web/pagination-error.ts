import { ArgumentError } from "../../errors.js";

/** A page number, page size or keyset cursor that is not valid (a client error: HTTP 400). */
export class PaginationError extends ArgumentError {}
