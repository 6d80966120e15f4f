package continuum.audit;

import java.time.Instant;

/** One audit row to write: who, what, and when it happened. */
record AuditRow(Actor actor, AuditEntry entry, Instant at) {

}
