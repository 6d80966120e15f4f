package continuum.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of recomputing the audit chain: {@code intact} only if every link matches
 * (keyed links with the audit key), the sequence has no gap, no row is outside the chain
 * and the chain reaches the link anchored outside the database, and every signed
 * checkpoint given, with the same hash. {@code problems} name rows by id and chain
 * position, never by content. {@code anchoredPosition} is the anchored link checked, null
 * when this node has none yet; {@code checkpointPosition} the newest checkpoint checked,
 * null when none was given.
 */
public record AuditVerification(boolean intact, long rowsChecked, List<String> problems,
		@Nullable Long anchoredPosition, @Nullable Long checkpointPosition) {
}
