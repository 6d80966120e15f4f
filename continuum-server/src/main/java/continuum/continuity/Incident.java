package continuum.continuity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One version of an incident: what hit which components ({@code components}: their
 * codes), from {@code start} (an outage's first failed probe, or the time IT gives; a
 * maintenance window's planned start) to {@code end} (null while it lasts; a maintenance
 * window's planned end), detected at {@code detected}. {@code origin} says whether probes
 * opened it or a person declared it; {@code reason}, {@code changedBy} and
 * {@code changedAt} say why, by whom and when this version was written. Versions are
 * never changed: a correction is version {@code version + 1}.
 */
public record Incident(long id, int version, IncidentKind kind, String title, Impact impact, IncidentStatus status,
		List<String> components, Instant start, Instant detected, @Nullable Instant end, Origin origin, String reason,
		String changedBy, Instant changedAt) {

	public Incident {
		components = List.copyOf(components);
	}

	/** How long it lasted, or has lasted until {@code now} while it is not over. */
	public Duration duration(Instant now) {
		Instant until = end != null ? end : now;
		return until.isBefore(start) ? Duration.ZERO : Duration.between(start, until);
	}

	/** Whether it covers {@code at}: started, and not ended at that instant. */
	public boolean covers(Instant at) {
		return !at.isBefore(start) && (end == null || at.isBefore(end));
	}

	/** Who opened the incident. */
	public enum Origin {

		/** Opened by failing probes. */
		PROBE,
		/** Declared by a person of the IT role. */
		MANUAL

	}

}
