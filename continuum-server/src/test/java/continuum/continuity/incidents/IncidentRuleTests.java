package continuum.continuity.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import continuum.continuity.incidents.IncidentRule.Decision;
import continuum.continuity.incidents.IncidentRule.Open;
import continuum.continuity.incidents.IncidentRule.Step;
import continuum.continuity.probes.Component.Run;
import continuum.continuity.probes.ProbeCode;
import continuum.continuity.probes.ProbeOutcome;
import continuum.continuity.probes.ProbeResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe state machine on a fixed clock (a DST night in Brussels, 31 March 2024
 * 00:59:50 UTC): thresholds, the start at the first failure, the end at the first good
 * probe, maintenance and incidents declared by hand.
 */
class IncidentRuleTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-31T00:59:50Z"), ZoneOffset.UTC);

	private static final Duration EVERY = Duration.ofSeconds(15);

	private static ProbeResult failed(int probe) {
		return new ProbeResult(CLOCK.instant().plus(EVERY.multipliedBy(probe)), ProbeOutcome.failed(ProbeCode.REFUSED),
				Duration.ofMillis(3));
	}

	private static ProbeResult good(int probe) {
		return new ProbeResult(CLOCK.instant().plus(EVERY.multipliedBy(probe)), ProbeOutcome.ok(),
				Duration.ofMillis(2));
	}

	@Test
	void opensAfterTheThresholdOfFailuresStartingAtTheFirstOne() {
		Step first = IncidentRule.next(Run.NONE, failed(0), 3, 2, Open.NONE, false);
		Step second = IncidentRule.next(first.run(), failed(1), 3, 2, Open.NONE, false);
		Step third = IncidentRule.next(second.run(), failed(2), 3, 2, Open.NONE, false);
		assertThat(first.decision()).isEqualTo(Decision.NONE);
		assertThat(second.decision()).isEqualTo(Decision.NONE);
		assertThat(third.decision()).isEqualTo(Decision.OPEN);
		assertThat(third.at()).isEqualTo(failed(0).at());
		assertThat(third.run()).isEqualTo(new Run(3, 0, failed(0).at(), null));
	}

	@Test
	void aGoodProbeBetweenFailuresStartsTheCountAgain() {
		Step step = IncidentRule.next(Run.NONE, failed(0), 2, 2, Open.NONE, false);
		step = IncidentRule.next(step.run(), good(1), 2, 2, Open.NONE, false);
		step = IncidentRule.next(step.run(), failed(2), 2, 2, Open.NONE, false);
		assertThat(step.decision()).isEqualTo(Decision.NONE);
		step = IncidentRule.next(step.run(), failed(3), 2, 2, Open.NONE, false);
		assertThat(step.decision()).isEqualTo(Decision.OPEN);
		assertThat(step.at()).isEqualTo(failed(2).at());
	}

	@Test
	void degradedCountsAsFailedAndAnOpenIncidentIsNotOpenedAgain() {
		ProbeResult lagging = new ProbeResult(CLOCK.instant(), ProbeOutcome.degraded(ProbeCode.LAG), Duration.ZERO);
		Step step = IncidentRule.next(Run.NONE, lagging, 1, 1, Open.NONE, false);
		assertThat(step.decision()).isEqualTo(Decision.OPEN);
		step = IncidentRule.next(step.run(), failed(1), 1, 1, Open.BY_PROBE, false);
		assertThat(step.decision()).isEqualTo(Decision.NONE);
		assertThat(step.run().failures()).isEqualTo(2);
	}

	@Test
	void resolvesAfterTheThresholdOfGoodProbesEndingAtTheFirstOne() {
		Run failing = new Run(5, 0, failed(0).at(), null);
		Step first = IncidentRule.next(failing, good(5), 3, 2, Open.BY_PROBE, false);
		assertThat(first.decision()).isEqualTo(Decision.NONE);
		Step second = IncidentRule.next(first.run(), good(6), 3, 2, Open.BY_PROBE, false);
		assertThat(second.decision()).isEqualTo(Decision.RESOLVE);
		assertThat(second.at()).isEqualTo(good(5).at());
		assertThat(Duration.between(failed(0).at(), second.at())).isEqualTo(EVERY.multipliedBy(5));
	}

	@Test
	void aFailureDuringRecoveryStartsTheRecoveryAgain() {
		Step step = IncidentRule.next(new Run(4, 0, failed(0).at(), null), good(4), 3, 2, Open.BY_PROBE, false);
		step = IncidentRule.next(step.run(), failed(5), 3, 2, Open.BY_PROBE, false);
		step = IncidentRule.next(step.run(), good(6), 3, 2, Open.BY_PROBE, false);
		assertThat(step.decision()).isEqualTo(Decision.NONE);
		step = IncidentRule.next(step.run(), good(7), 3, 2, Open.BY_PROBE, false);
		assertThat(step.decision()).isEqualTo(Decision.RESOLVE);
		assertThat(step.at()).isEqualTo(good(6).at());
	}

	@Test
	void anIncidentDeclaredByHandIsNeitherDuplicatedNorResolvedByProbes() {
		Step step = IncidentRule.next(Run.NONE, failed(0), 1, 1, Open.BY_HAND, false);
		assertThat(step.decision()).isEqualTo(Decision.NONE);
		step = IncidentRule.next(step.run(), good(1), 1, 1, Open.BY_HAND, false);
		assertThat(step.decision()).isEqualTo(Decision.NONE);
	}

	@Test
	void failuresDuringMaintenanceDoNotCountAndAnOutageAfterItStartsAfterIt() {
		Run run = Run.NONE;
		for (int probe = 0; probe < 5; probe++) {
			Step step = IncidentRule.next(run, failed(probe), 2, 2, Open.NONE, true);
			assertThat(step.decision()).isEqualTo(Decision.NONE);
			run = step.run();
		}
		assertThat(run).isEqualTo(Run.NONE);
		Step step = IncidentRule.next(run, failed(5), 2, 2, Open.NONE, false);
		step = IncidentRule.next(step.run(), failed(6), 2, 2, Open.NONE, false);
		assertThat(step.decision()).isEqualTo(Decision.OPEN);
		assertThat(step.at()).isEqualTo(failed(5).at());
	}

}
