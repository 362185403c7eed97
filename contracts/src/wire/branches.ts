/** A branch as `GET /api/branches` lists it (API.md, "After signing, reminders, and many requests at once"). */
export interface Branch {
  branchId: string;
  /** The branch's name people read (the board and the KPI page show it instead of the id). */
  name: string;
}
