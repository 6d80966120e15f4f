package continuum.scheduling;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The periods in which the hospital's systems were down as far as appointments are
 * concerned, so that scheduling never blames a patient for them: an appointment in such a
 * period is not marked a no-show, whoever failed to record the patient's arrival.
 * Declared here and implemented by the continuity module, which sits above scheduling and
 * records the incidents; without an implementation there are no outages.
 */
public interface OutageWindows {

	/** The outages that overlap {@code [from, to)}. */
	List<Window> overlapping(Instant from, Instant to);

	/**
	 * An outage from {@code start} until {@code end}, or still going when end is null.
	 */
	record Window(Instant start, @Nullable Instant end) {

		/** Whether the period {@code [from, to)} overlaps this outage. */
		public boolean overlaps(Instant from, Instant to) {
			return start.isBefore(to) && (end == null || end.isAfter(from));
		}

	}

}
