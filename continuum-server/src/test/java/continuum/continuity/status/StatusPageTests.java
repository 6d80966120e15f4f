package continuum.continuity.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Downtime of a period: clipped to it, overlapping outages counted once. */
class StatusPageTests {

	private static final Instant DAY = Instant.parse("2026-10-25T00:00:00Z");

	private static Incident outage(long startMinute, @Nullable Long endMinute) {
		Instant start = DAY.plus(Duration.ofMinutes(startMinute));
		return new Incident(1, 1, IncidentKind.OUTAGE, "t", Impact.CRITICAL, IncidentStatus.RESOLVED, List.of("c"),
				start, start, endMinute == null ? null : DAY.plus(Duration.ofMinutes(endMinute)), Incident.Origin.PROBE,
				"r", "system", start);
	}

	@Test
	void countsOverlappingOutagesOnceAndClipsToThePeriod() {
		List<Incident> outages = List.of(outage(-30, 10L), outage(5, 20L), outage(60, 70L), outage(1500, null));
		Instant end = DAY.plus(Duration.ofHours(25));
		assertThat(StatusPage.down(outages, DAY, end, end)).isEqualTo(Duration.ofMinutes(20 + 10 + 0));
		Instant now = DAY.plus(Duration.ofMinutes(1510));
		assertThat(StatusPage.down(outages, DAY, DAY.plus(Duration.ofHours(26)), now))
			.isEqualTo(Duration.ofMinutes(20 + 10 + 10));
	}

}
