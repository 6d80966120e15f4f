package continuum.continuity.incidents;

import java.time.Instant;
import java.util.List;

import continuum.continuity.ComponentState;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A component's state from the incidents going on, at a fixed instant (a month end). */
class ComponentStateRuleTests {

	private static final Instant NOW = Instant.parse("2026-01-31T23:30:00Z");

	private static Incident incident(IncidentKind kind, Impact impact, IncidentStatus status, Instant start,
			@Nullable Instant end, String... components) {
		return new Incident(1, 1, kind, "t", impact, status, List.of(components), start, start, end,
				Incident.Origin.MANUAL, "r", "itops", start);
	}

	@Test
	void theWorstOutageDecidesAndMaintenanceWinsDuringItsWindow() {
		Incident minor = incident(IncidentKind.OUTAGE, Impact.MINOR, IncidentStatus.INVESTIGATING,
				NOW.minusSeconds(600), null, "smtp", "adt");
		Incident critical = incident(IncidentKind.OUTAGE, Impact.CRITICAL, IncidentStatus.IDENTIFIED,
				NOW.minusSeconds(60), null, "adt");
		Incident maintenance = incident(IncidentKind.MAINTENANCE, Impact.NONE, IncidentStatus.SCHEDULED,
				NOW.minusSeconds(60), NOW.plusSeconds(3600), "database");
		Incident ahead = incident(IncidentKind.MAINTENANCE, Impact.NONE, IncidentStatus.SCHEDULED, NOW.plusSeconds(60),
				NOW.plusSeconds(3600), "smtp");
		List<Incident> current = List.of(minor, critical, maintenance, ahead);
		assertThat(IncidentBook.stateOf("smtp", current, NOW)).isEqualTo(ComponentState.DEGRADED);
		assertThat(IncidentBook.stateOf("adt", current, NOW)).isEqualTo(ComponentState.MAJOR_OUTAGE);
		assertThat(IncidentBook.stateOf("database", current, NOW)).isEqualTo(ComponentState.UNDER_MAINTENANCE);
		assertThat(IncidentBook.stateOf("scheduling", current, NOW)).isEqualTo(ComponentState.OPERATIONAL);
		assertThat(IncidentBook.stateOf("database", current, NOW.plusSeconds(3600)))
			.isEqualTo(ComponentState.OPERATIONAL);
	}

}
