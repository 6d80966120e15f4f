package continuum.downtime.viewer;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import continuum.downtime.sync.SyncStatus;
import org.jspecify.annotations.Nullable;

/**
 * The line every page and report carries: "As of <local time> — N s behind", and whether
 * the node has lost the server and since when.
 */
public record Freshness(@Nullable String asOf, long lagSeconds, boolean loaded, boolean lost,
		@Nullable String lostSince, @Nullable String problem) {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

	public static Freshness of(SyncStatus status, Clock clock) {
		Instant through = status.stored().currentThrough();
		Instant lostSince = status.lostServerSince();
		return new Freshness(show(through, clock), status.lagSeconds(), status.stored().loaded(), lostSince != null,
				show(lostSince, clock), status.problem() == null ? null : status.problem().name());
	}

	public static @Nullable String show(@Nullable Instant instant, Clock clock) {
		return instant == null ? null : LOCAL.format(instant.atZone(clock.getZone()));
	}

	/** The sentence itself, for the PDF reports. */
	public String line() {
		String base = asOf == null ? "Not synced yet" : "As of " + asOf + " — " + lagSeconds + " s behind";
		return lost ? base + " — SERVER LOST since " + lostSince : base;
	}

}
