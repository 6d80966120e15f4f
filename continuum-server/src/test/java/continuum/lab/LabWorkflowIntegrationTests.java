package continuum.lab;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Gender;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The laboratory's workflow through its services, each step as the role that takes it:
 * order, collection, receipt or rejection, entry, verification, release, critical alert,
 * correction with history, cancellation.
 */
@ContinuumIntegrationTest
class LabWorkflowIntegrationTests {

	@Autowired
	LabFixtures fixtures;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	CriticalAlertService alerts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void placesOneItemPerOrderableAndOneSpecimenPerContainer() {
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(1960, 3, 14));
		LabOrder order = fixtures.order(patient, "58410-2", "51990-0", "1988-5", "6301-6");
		assertThat(order.placerNumber()).startsWith("LO");
		assertThat(order.items()).extracting(LabOrder.Item::placerNumber)
			.containsExactly(order.placerNumber() + "-1", order.placerNumber() + "-2", order.placerNumber() + "-3",
					order.placerNumber() + "-4");
		assertThat(order.specimens()).extracting(Specimen::container)
			.containsExactlyInAnyOrder("EDTA tube (lavender)", "Serum gel tube (gold)", "Citrate tube (light blue)");
		Specimen serum = order.specimens()
			.stream()
			.filter(s -> s.container().startsWith("Serum"))
			.findFirst()
			.orElseThrow();
		assertThat(serum.items()).hasSize(2);
		assertThat(serum.accession()).matches("\\d{10}");
		assertThat(order.specimens()).allMatch(s -> s.status() == SpecimenStatus.ORDERED);
		assertThat(jdbc.sql("select count(*) from audit_log where resource_type = 'ServiceRequest' and patient_id = ?")
			.param(patient.asString())
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void refusesUnknownTestsDuplicatesAndOrdersFromTheLaboratory() {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1990, 1, 1));
		assertThatThrownBy(() -> fixtures.order(patient, "9999-9")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("Unknown test code 9999-9");
		assertThatThrownBy(() -> fixtures.order(patient, "1988-5", "1988-5")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST",
				() -> orders.place(new NewLabOrder(patient, List.of("1988-5"), Priority.STAT, null))))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void resultsGoThroughVerificationAndReleaseByTheRightRoles() {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1985, 7, 9));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, "51990-0"));
		String accession = LabFixtures.accessionFor(order, "2823-3");
		LabResult entered = as("LAB_TECHNOLOGIST", () -> results.enter(accession, "2823-3", "5.6"));
		assertThat(entered.flag()).isEqualTo(AbnormalFlag.HIGH);
		assertThat(entered.range().text()).isEqualTo("3.5-5.1");
		assertThat(entered.stage()).isEqualTo(ResultStage.ENTERED);
		assertThat(as("PHYSICIAN", () -> results.released(patient, null, null, 100))).isEmpty();
		assertThatThrownBy(() -> as("PHYSICIAN", () -> results.verify(List.of(entered.id()))))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> as("LAB_SPECIALIST", () -> results.release(List.of(entered.id()))))
			.isInstanceOf(ConflictException.class);
		as("LAB_TECHNOLOGIST", () -> results.verify(List.of(entered.id())));
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST", () -> results.release(List.of(entered.id()))))
			.isInstanceOf(AccessDeniedException.class);
		LabResult released = as("LAB_SPECIALIST", () -> results.release(List.of(entered.id()))).get(0);
		assertThat(released.releasedBy()).isEqualTo("labmed");
		assertThat(released.verifiedBy()).isEqualTo("labtech");
		assertThat(as("PHYSICIAN", () -> results.released(patient, null, null, 100))).extracting(LabResult::id)
			.containsExactly(entered.id());
	}

	@Test
	void aReleasedCriticalResultAlertsTheOrderingPhysicianWhoAcknowledgesIt() {
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(1950, 2, 2));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, "51990-0"));
		LabResult critical = fixtures.release(order, "2823-3", "7.1");
		assertThat(critical.flag()).isEqualTo(AbnormalFlag.CRITICAL_HIGH);
		assertThat(critical.critical()).isTrue();
		List<CriticalAlert> open = as("PHYSICIAN", () -> alerts.open(100));
		CriticalAlert alert = open.stream().filter(a -> a.result().equals(critical.id())).findFirst().orElseThrow();
		assertThat(alert.physician()).isEqualTo("physician");
		assertThat(as("RADIOGRAPHER", () -> alerts.openCount())).isZero();
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST", () -> alerts.acknowledge(alert.id(), null)))
			.isInstanceOf(AccessDeniedException.class);
		CriticalAlert acknowledged = as("PHYSICIAN", () -> alerts.acknowledge(alert.id(), "called the ward"));
		assertThat(acknowledged.acknowledgedBy()).isEqualTo("physician");
		assertThat(as("PHYSICIAN", () -> alerts.open(100))).noneMatch(a -> a.id().equals(alert.id()));
		assertThatThrownBy(() -> as("PHYSICIAN", () -> alerts.acknowledge(alert.id(), null)))
			.isInstanceOf(ConflictException.class);
	}

	@Test
	void aCorrectionKeepsTheEarlierValueAndMarksTheResultCorrected() {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1970, 5, 5));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, "1988-5"));
		LabResult first = fixtures.release(order, "1988-5", "12.0");
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST", () -> results.correct(first.id(), "1.2", "typo")))
			.isInstanceOf(AccessDeniedException.class);
		LabResult corrected = as("LAB_SPECIALIST", () -> results.correct(first.id(), "1.2", "decimal point misplaced"));
		assertThat(corrected.corrected()).isTrue();
		assertThat(corrected.status()).isEqualTo(ResultStatus.CORRECTED);
		assertThat(corrected.value().number()).isEqualByComparingTo(new BigDecimal("1.2"));
		assertThat(corrected.flag()).isEqualTo(AbnormalFlag.NORMAL);
		List<ResultService.Version> history = as("PHYSICIAN", () -> results.history(first.id()));
		assertThat(history).extracting(v -> v.result().value().display()).contains("12.0", "1.2");
		assertThat(history.get(history.size() - 1).reason()).isEqualTo("decimal point misplaced");
	}

	@Test
	void aRejectedSpecimenAsksForARecollectionThatCarriesTheSameTests() {
		PatientId patient = fixtures.patient(Gender.MALE, LocalDate.of(2001, 11, 30));
		LabOrder order = fixtures.order(patient, "51990-0");
		String accession = order.specimens().get(0).accession();
		as("NURSE", () -> specimens.collect(accession, null));
		Specimen recollection = as("LAB_TECHNOLOGIST",
				() -> specimens.receive(accession, SpecimenCondition.HAEMOLYSED, null));
		assertThat(recollection.recollectionOf()).isEqualTo(accession);
		assertThat(recollection.status()).isEqualTo(SpecimenStatus.ORDERED);
		Specimen rejected = as("LAB_TECHNOLOGIST", () -> specimens.get(accession));
		assertThat(rejected.status()).isEqualTo(SpecimenStatus.REJECTED);
		assertThat(rejected.rejectionReason()).isEqualTo("Haemolysed");
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST", () -> results.enter(accession, "2823-3", "4.0")))
			.isInstanceOf(ConflictException.class);
		assertThat(recollection.items()).isEqualTo(rejected.items());
	}

	@Test
	void cancelledItemsTakeNoResults() {
		PatientId patient = fixtures.patient(Gender.FEMALE, LocalDate.of(1999, 9, 9));
		LabOrder order = fixtures.receiveAll(fixtures.order(patient, "1988-5", "67151-1"));
		LabOrder.Item crp = order.items().get(0);
		LabOrder cancelled = as("PHYSICIAN", () -> orders.cancel(order.id(), Set.of(crp.id()), "ordered twice", null));
		assertThat(cancelled.item(crp.id()).status()).isEqualTo(OrderStatus.REVOKED);
		assertThat(cancelled.status()).isEqualTo(OrderStatus.ACTIVE);
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST",
				() -> results.enter(LabFixtures.accessionFor(order, "1988-5"), "1988-5", "3")))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("cancelled");
		fixtures.release(order, "67151-1", "9");
		assertThat(as("PHYSICIAN", () -> orders.get(order.id())).status()).isEqualTo(OrderStatus.COMPLETED);
	}

	@Test
	void referenceRangesFollowSexAndAge() {
		PatientId child = fixtures.patient(Gender.FEMALE, LocalDate.of(2019, 6, 1));
		LabOrder order = fixtures.receiveAll(fixtures.order(child, "58410-2"));
		LabResult hb = as("LAB_TECHNOLOGIST",
				() -> results.enter(LabFixtures.accessionFor(order, "718-7"), "718-7", "11.0"));
		assertThat(hb.range().text()).isEqualTo("11.5-15.5");
		assertThat(hb.flag()).isEqualTo(AbnormalFlag.LOW);
		assertThatThrownBy(() -> as("LAB_TECHNOLOGIST",
				() -> results.enter(LabFixtures.accessionFor(order, "718-7"), "718-7", "eleven")))
			.isInstanceOf(InvalidInputException.class);
	}

}
