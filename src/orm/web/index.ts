/** Web back-end helpers exported from the root entry (toDict, paginate, currentSession, ...). */
export { type HttpError, type HttpErrorBody, httpErrorOf, INTERNAL_ERROR } from "./http-errors.js";
export {
  type KeysetOptions,
  type KeysetPage,
  type Page,
  type PageItem,
  type PageOptions,
  type PaginateBaseOptions,
  paginate,
} from "./paginate.js";
export { PaginationError } from "./pagination-error.js";
export { currentSession, runWithSession } from "./request-context.js";
export { type ToDictOptions, toDict } from "./serialize.js";
