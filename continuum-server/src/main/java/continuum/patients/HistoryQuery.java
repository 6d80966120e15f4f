package continuum.patients;

import java.time.Instant;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Which versions a {@code _history} request asks for: those written at or after
 * {@code since} (all without it), a window of {@code limit} from {@code offset}, newest
 * first.
 */
public record HistoryQuery(@Nullable Instant since, int limit, int offset) {

	public HistoryQuery {
		if (limit < 0 || limit > PatientQuery.MAX_LIMIT || offset < 0) {
			throw new InvalidInputException("A history answers between 0 and " + PatientQuery.MAX_LIMIT
					+ " versions per page from a non-negative offset");
		}
	}

}
