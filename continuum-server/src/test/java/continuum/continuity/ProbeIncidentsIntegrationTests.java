package continuum.continuity;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import continuum.continuity.probes.ProbeCode;
import continuum.continuity.probes.ProbeOutcome;
import continuum.continuity.probes.ProbeResult;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Probes against real peers open and resolve incidents: an SMTP server (GreenMail) that
 * stops and comes back, a peer that hangs, the database's canary and the modules' reads.
 */
@RecordApplicationEvents
class ProbeIncidentsIntegrationTests extends ContinuityPeers {

	private ProbeResult probe(String code) {
		return prober.probeNow(List.of(code)).get(code);
	}

	@Test
	void anSmtpPeerThatStopsOpensAnIncidentAtTheFirstFailedProbeAndItsReturnResolvesIt(ApplicationEvents events) {
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
		smtp.start();
		int smtpPort = smtp.getSmtp().getPort();
		String code = component("smtp", "smtp", "127.0.0.1:" + smtpPort);
		assertThat(probe(code).outcome()).isEqualTo(ProbeOutcome.ok());
		smtp.stop();

		ProbeResult firstFailure = probe(code);
		assertThat(firstFailure.outcome()).isEqualTo(ProbeOutcome.failed(ProbeCode.REFUSED));
		assertThat(openOutage(code)).isEmpty();
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.OPERATIONAL);
		probe(code);
		Incident opened = openOutage(code).orElseThrow();
		assertThat(opened.start()).isEqualTo(firstFailure.at());
		assertThat(opened.detected()).isAfter(firstFailure.at());
		assertThat(opened.origin()).isEqualTo(Incident.Origin.PROBE);
		assertThat(opened.status()).isEqualTo(IncidentStatus.INVESTIGATING);
		assertThat(opened.impact()).isEqualTo(Impact.CRITICAL);
		assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.MAJOR_OUTAGE);
		probe(code);
		assertThat(incidents.current().stream().filter(i -> i.components().contains(code))).hasSize(1);

		GreenMail back = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
		back.start();
		try {
			ProbeResult firstGood = probe(code);
			assertThat(firstGood.outcome().good()).isTrue();
			assertThat(openOutage(code)).isPresent();
			probe(code);
			assertThat(openOutage(code)).isEmpty();
			Incident resolved = incidents.find(opened.id()).orElseThrow();
			assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
			assertThat(resolved.version()).isEqualTo(2);
			assertThat(resolved.start()).isEqualTo(firstFailure.at());
			assertThat(resolved.end()).isEqualTo(firstGood.at());
			assertThat(resolved.duration(resolved.end()))
				.isEqualTo(Duration.between(firstFailure.at(), firstGood.at()));
			assertThat(incidents.timeline(opened.id())).extracting(IncidentUpdate::status)
				.containsExactly(IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED);
			assertThat(catalogue.get(code).state()).isEqualTo(ComponentState.OPERATIONAL);
			assertThat(events.stream(IncidentResolved.class)).singleElement()
				.isEqualTo(new IncidentResolved(opened.id(), 2, IncidentKind.OUTAGE, List.of(code), firstFailure.at(),
						firstGood.at()));
			assertThat(jdbc.sql("""
					select count(*) from audit_log where resource_type = 'Incident' and resource_id = :id
					  and username = 'system' and detail like 'version %'""")
				.param("id", Long.toString(opened.id()))
				.query(Long.class)
				.single()).isEqualTo(2);
		}
		finally {
			back.stop();
		}
	}

	@Test
	void aHungPeerIsAFailedProbeWithinTheTimeout() throws Exception {
		try (SilentPeer hung = new SilentPeer()) {
			String code = component("hung", "smtp", "127.0.0.1:" + hung.port());
			long start = System.nanoTime();
			ProbeResult result = probe(code);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.failed(ProbeCode.TIMEOUT));
			assertThat(took).isLessThan(Duration.ofSeconds(3));
			assertThat(jdbc.sql("""
					select error_code from continuity_probe_result where component_code = :code""")
				.param("code", code)
				.query(String.class)
				.list()).containsExactly("timeout");
		}
	}

	@Test
	void probesOfTheDatabaseAndTheModulesReadAndWriteAndAnUnconfiguredGatewayIsNotProbed() {
		var results = prober.probeNow(List.of("database", "patient-management", "adt", "scheduling", "smtp-gateway"));
		assertThat(results.keySet()).containsExactlyInAnyOrder("database", "patient-management", "adt", "scheduling");
		assertThat(results.values()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ProbeOutcome.ok()));
		assertThat(jdbc.sql("select written_at from continuity_canary where id = 1")
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isAfterOrEqualTo(results.get("database").at());
		assertThat(catalogue.get("smtp-gateway").configured()).isFalse();
		assertThat(catalogue.get("smtp-gateway").lastProbeAt()).isNull();
	}

	@Test
	void aRoundProbesTheComponentsThatAreDueAgainAfterTheirInterval() {
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
		smtp.start();
		try {
			String code = unique("round");
			catalogue.register(new continuum.continuity.probes.ComponentDefinition(code, "Test " + code, "smtp",
					"127.0.0.1:" + smtp.getSmtp().getPort(), 2, 2, Duration.ofSeconds(2), 900));
			// Other tests' components (some pointing at peers long gone) are left to
			// their tests.
			jdbc.sql("""
					update continuity_component set next_probe_at = 'infinity'
					where code like '%test-%' and code <> :code""").param("code", code).update();
			assertThat(prober.runDue()).isPositive();
			assertThat(results(code)).isEqualTo(1);
			assertThat(prober.runDue()).as("not due again before its interval").isZero();
			assertThat(catalogue.get(code).probeInterval()).isEqualTo(Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				prober.runDue();
				return results(code) >= 3;
			});
		}
		finally {
			smtp.stop();
		}
	}

	private long results(String code) {
		return jdbc.sql("select count(*) from continuity_probe_result where component_code = :code")
			.param("code", code)
			.query(Long.class)
			.single();
	}

}
