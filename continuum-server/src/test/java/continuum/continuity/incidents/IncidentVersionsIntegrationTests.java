package continuum.continuity.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.audit.AuditService;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentResolved;
import continuum.continuity.IncidentStatus;
import continuum.continuity.probes.ComponentCatalogue;
import continuum.continuity.probes.ComponentDefinition;
import continuum.continuity.probes.ComponentRepository;
import continuum.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident book on fixed clocks (the night Brussels leaves summer time, 25 October
 * 2026): a correction is a new version written at its own time, the first version stays
 * as it was, the detection time stays the first one; resolving publishes the window.
 */
@ContinuumIntegrationTest
@RecordApplicationEvents
class IncidentVersionsIntegrationTests {

	private static final Instant START = Instant.parse("2026-10-25T00:40:00Z");

	@Autowired
	IncidentRepository incidents;

	@Autowired
	ComponentRepository components;

	@Autowired
	ComponentCatalogue catalogue;

	@Autowired
	AuditService audit;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	CurrentUser currentUser;

	@Autowired
	TransactionTemplate transaction;

	private IncidentBook bookAt(Instant now) {
		return new IncidentBook(incidents, components, audit, events, currentUser, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void aCorrectionIsANewVersionAtItsOwnTimeAndTheFirstStaysAsItWas(ApplicationEvents published) {
		String code = "test-versions-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		catalogue.register(ComponentDefinition.of(code, "Test " + code, "smtp", null, 900));
		Instant detected = START.plus(Duration.ofMinutes(3));
		Incident first = transaction.execute(status -> bookAt(detected).open(
				new IncidentBook.Draft(IncidentKind.OUTAGE, "Mail relay down", Impact.MAJOR,
						IncidentStatus.INVESTIGATING, List.of(code), START, null),
				detected, Incident.Origin.MANUAL, "phoned in", "Declared"));
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.changedAt()).isEqualTo(detected);

		Instant corrected = START.plus(Duration.ofHours(1));
		Instant earlier = START.minus(Duration.ofMinutes(20));
		Incident second = transaction.execute(status -> bookAt(corrected).change(first.id(), 1,
				new IncidentBook.Draft(IncidentKind.OUTAGE, "Mail relay down", Impact.CRITICAL,
						IncidentStatus.IDENTIFIED, List.of(code), earlier, null),
				"the relay's log shows it stopped earlier", null));
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.start()).isEqualTo(earlier);
		assertThat(second.detected()).isEqualTo(detected);
		assertThat(second.changedAt()).isEqualTo(corrected);
		assertThat(incidents.versions(first.id())).containsExactly(first, second);
		assertThat(published.stream(IncidentResolved.class)).isEmpty();

		Instant resolvedAt = START.plus(Duration.ofHours(2));
		Incident third = transaction.execute(status -> bookAt(resolvedAt).change(first.id(), 2,
				IncidentBook.Draft.of(second).closed(IncidentStatus.RESOLVED, resolvedAt), "relay restarted", null));
		assertThat(third.end()).isEqualTo(resolvedAt);
		assertThat(third.duration(resolvedAt)).isEqualTo(Duration.ofMinutes(140));
		assertThat(incidents.versions(first.id())).containsExactly(first, second, third);
		assertThat(incidents.updates(first.id())).extracting(u -> u.at())
			.containsExactly(detected, corrected, resolvedAt);
		assertThat(published.stream(IncidentResolved.class)).containsExactly(
				new IncidentResolved(first.id(), 3, IncidentKind.OUTAGE, List.of(code), earlier, resolvedAt));
	}

}
