package continuum.audit;

import java.util.List;

/**
 * The outcome of recomputing the audit chain: {@code intact} only if every link matches,
 * the sequence has no gap and nothing follows the last link. {@code problems} name rows
 * by id and chain position, never by content.
 */
public record AuditVerification(boolean intact, long rowsChecked, List<String> problems) {
}
