package continuum.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.adt.CensusService;
import continuum.audit.AuditService;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Role;
import continuum.security.StaffService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escalation on a clock the test moves: an alert nobody acknowledged within
 * {@code continuum.lab.alert-escalate-after} goes up a level, and again after the same
 * interval, and is then addressed to every physician and the clinical biologists, each
 * step audited; an acknowledged alert, or one not yet due, stays where it was. (The
 * scheduled job does not run in tests: application-test.properties.)
 */
@ContinuumIntegrationTest
class CriticalAlertEscalationIntegrationTests {

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	CriticalAlertService alerts;

	@Autowired
	AlertRepository alertRows;

	@Autowired
	OrderRepository orderRows;

	@Autowired
	CensusService census;

	@Autowired
	AccessControl access;

	@Autowired
	AuditService audit;

	@Autowired
	CurrentUser currentUser;

	@Autowired
	LabSettings settings;

	@Autowired
	PatientService patients;

	@Autowired
	StaffService staff;

	@Autowired
	LabCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	LabChartFixtures lab;

	@BeforeEach
	void fixtures() {
		lab = new LabChartFixtures(orders, specimens, results, patients, staff, catalogue);
	}

	@Autowired
	TransactionTemplate transaction;

	/**
	 * Escalates what is due at {@code now}, as the scheduled job does (in a transaction
	 * of its own), on the alert service as it runs at that time.
	 */
	private int escalateAt(Instant now) {
		CriticalAlertService service = new CriticalAlertService(alertRows, orderRows, census, access, audit,
				currentUser, settings, Clock.fixed(now, ZoneOffset.UTC));
		return transaction.execute(status -> service.escalateDue());
	}

	private CriticalAlert criticalGlucose(String physician, String family) {
		PatientId patient = lab.patient(family, Gender.FEMALE);
		lab.released(patient, physician, List.of("51990-0"), Instant.now().minus(Duration.ofHours(1)),
				Map.of("2345-7", "612"));
		return LabChartFixtures.as(physician, Role.PHYSICIAN, () -> alerts.ofPatient(patient)).get(0);
	}

	private static List<AlertId> openFor(String username, Role role, CriticalAlertService service) {
		return LabChartFixtures.as(username, role, () -> service.open(500)).stream().map(CriticalAlert::id).toList();
	}

	@Test
	void anUnacknowledgedAlertEscalatesToEveryPhysicianAndTheBiologistsAndAnAcknowledgedOneDoesNot() {
		String ordering = lab.physician("escalation");
		String colleague = lab.physician("colleague");
		CriticalAlert unanswered = criticalGlucose(ordering, "Labo-Escalade");
		CriticalAlert answered = criticalGlucose(ordering, "Labo-Repondu");
		LabChartFixtures.as(ordering, Role.PHYSICIAN, () -> alerts.acknowledge(answered.id(), "Insulin drip started"));
		assertThat(unanswered.escalationLevel()).isZero();
		assertThat(unanswered.escalateAt()).isEqualTo(unanswered.raisedAt().plus(settings.alertEscalateAfter()));

		Instant due = unanswered.escalateAt();
		escalateAt(due.minusSeconds(1));
		assertThat(alertRows.find(unanswered.id(), false).orElseThrow().escalationLevel()).as("not yet due").isZero();
		assertThat(openFor(colleague, Role.PHYSICIAN, alerts)).doesNotContain(unanswered.id());
		assertThat(openFor("labmed", Role.LAB_SPECIALIST, alerts)).doesNotContain(unanswered.id());

		int escalated = escalateAt(due);
		assertThat(escalated).isPositive();
		CriticalAlert first = alertRows.find(unanswered.id(), false).orElseThrow();
		assertThat(first.escalationLevel()).isEqualTo(1);
		assertThat(first.escalatedAt()).isEqualTo(due);
		assertThat(first.escalateAt()).isEqualTo(due.plus(settings.alertEscalateAfter()));
		assertThat(alertRows.find(answered.id(), false).orElseThrow().escalationLevel()).as("acknowledged").isZero();
		assertThat(openFor(colleague, Role.PHYSICIAN, alerts)).contains(unanswered.id()).doesNotContain(answered.id());
		assertThat(openFor("labmed", Role.LAB_SPECIALIST, alerts)).contains(unanswered.id());
		assertThat(openFor(ordering, Role.PHYSICIAN, alerts)).as("still the ordering physician's")
			.contains(unanswered.id());
		assertThat(LabChartFixtures.as(colleague, Role.PHYSICIAN, () -> alerts.openCount())).isPositive();

		escalateAt(due.plusSeconds(60));
		assertThat(alertRows.find(unanswered.id(), false).orElseThrow().escalationLevel())
			.as("not again before the interval has passed again")
			.isEqualTo(1);
		escalateAt(first.escalateAt());
		assertThat(alertRows.find(unanswered.id(), false).orElseThrow().escalationLevel()).isEqualTo(2);
		assertThat(alertRows.find(answered.id(), false).orElseThrow().escalationLevel())
			.as("acknowledged before it was due")
			.isZero();

		assertThat(jdbc.sql("""
				select detail from audit_log where resource_type = 'Communication' and resource_id = :id
				  and action = 'UPDATE' and outcome = 'SUCCESS' order by id""")
			.param("id", unanswered.id().asString())
			.query(String.class)
			.list()).containsExactly("escalated to level 1", "escalated to level 2");

		LabChartFixtures.as(colleague, Role.PHYSICIAN, () -> alerts.acknowledge(unanswered.id(), "Seen on the round"));
		escalateAt(first.escalateAt().plus(settings.alertEscalateAfter()));
		CriticalAlert closed = alertRows.find(unanswered.id(), false).orElseThrow();
		assertThat(closed.escalationLevel()).as("acknowledged, no longer escalated").isEqualTo(2);
		assertThat(closed.acknowledgedBy()).isEqualTo(colleague);
		assertThat(openFor("labmed", Role.LAB_SPECIALIST, alerts)).doesNotContain(unanswered.id());
	}

}
