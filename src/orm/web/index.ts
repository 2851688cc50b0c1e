/** Web back-end helpers exported from the root entry (toDict, paginate, currentSession, ...). */
export {};
