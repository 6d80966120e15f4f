package continuum.patients;

import java.time.LocalDate;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.changes.ChangeFeed;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registration, reads, versioned updates and merge through {@link PatientService}, with
 * their audit and feed rows.
 */
@ContinuumIntegrationTest
class PatientServiceIntegrationTests {

	@Autowired
	PatientService patients;

	@Autowired
	PatientMergeService merges;

	@Autowired
	ClinicalRecordService clinical;

	@Autowired
	ChangeFeed feed;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registrationAssignsAnMrnWithValidCheckDigitAndKeepsVersionOne() {
		Patient patient = patients.register(TestPatients.data("Lefèvre", TestPatients.uniqueWord()));
		assertThat(Mrn.isValid(patient.mrn())).isTrue();
		assertThat(patient.version()).isEqualTo(1);
		assertThat(patient.identifiers()).first().isEqualTo(Identifier.mrn(patient.mrn()));
		assertThat(patients.get(patient.id()).family()).isEqualTo("Lefèvre");
		assertThat(patients.exists(patient.id())).isTrue();
		assertThat(patients.exists(new PatientId(Long.MAX_VALUE))).isFalse();
	}

	@Test
	void registrationAnswersThePatientExactlyAsItReadsBack() {
		LocalDate born = LocalDate.of(1961, 2, 14);
		PatientData data = new PatientData(
				List.of(Identifier.ssin(TestPatients.nationalNumber(born)),
						new Identifier("urn:test:other", TestPatients.uniqueWord())),
				"De Smet", List.of("Jean Pierre", "Marie"), "Dr.", born, Gender.MALE,
				new Address("Veldstraat 2", "9000", "Gent", "BE"), "+32 9 000 00 00", "jp@example.test", "fr", false);
		Patient registered = patients.register(data);
		Patient read = patients.read(registered.id());
		assertThat(registered).isEqualTo(read);
		assertThat(patients.readVersion(registered.id(), 1)).isEqualTo(read);
		assertThat(read.identifiers()).extracting(Identifier::system)
			.containsExactly(Identifier.MRN_SYSTEM, Identifier.SSIN_SYSTEM, "urn:test:other");
	}

	@Test
	void registrationWithATakenIdentifierIsRefusedAndWritesNothing() {
		Identifier shared = new Identifier("urn:test:shared", TestPatients.uniqueWord());
		Patient first = patients
			.register(TestPatients.data("Peeters", TestPatients.uniqueWord()).withIdentifiers(List.of(shared)));
		String loser = TestPatients.uniqueWord();
		assertThatThrownBy(
				() -> patients.register(TestPatients.data("Peeters", loser).withIdentifiers(List.of(shared))))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("patient " + first.id().asString());
		assertThat(jdbc.sql("select count(*) from patient where given_names = :given")
			.param("given", loser)
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from patient_name_token where token = :token")
			.param("token", loser)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void registrationWritesAuditAndChangeFeedRowsInTheSameTransaction() {
		Patient patient = patients.register(TestPatients.data("Dubois", TestPatients.uniqueWord()));
		patients.get(patient.id());
		String id = patient.id().asString();
		List<String> actions = jdbc
			.sql("select action from audit_log where resource_type = 'Patient' and resource_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
		assertThat(actions).containsExactly("CREATE", "READ");
		feed.sequencePending();
		assertThat(jdbc.sql("select operation from change_feed where resource_type = 'Patient' and resource_id = :id")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("CREATE");
	}

	@Test
	void updateWithStaleVersionIsRefusedAndKeepsTheWinningChange() {
		Patient patient = patients.register(TestPatients.data("Van de Velde", TestPatients.uniqueWord()));
		PatientData first = TestPatients.data("Van de Velde", "Winner");
		patients.update(patient.id(), 1, first);
		assertThatThrownBy(() -> patients.update(patient.id(), 1, TestPatients.data("Van de Velde", "Loser")))
			.isInstanceOf(VersionConflictException.class)
			.hasMessageContaining("version 2");
		Patient current = patients.get(patient.id());
		assertThat(current.given()).containsExactly("Winner");
		assertThat(current.version()).isEqualTo(2);
		assertThat(patients.readVersion(patient.id(), 1).given()).isEqualTo(patient.given());
		assertThat(patients.readVersion(patient.id(), 2).given()).containsExactly("Winner");
		feed.sequencePending();
		assertThat(jdbc
			.sql("select operation from change_feed where resource_type = 'Patient' and resource_id = :id"
					+ " order by seq")
			.param("id", patient.id().asString())
			.query(String.class)
			.list()).containsExactly("CREATE", "UPDATE");
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'UPDATE' and resource_id = :id")
			.param("id", patient.id().asString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void nationalNumberIsValidatedAndBelongsToOnePatient() {
		LocalDate birth = LocalDate.of(1985, 7, 30);
		assertThatThrownBy(() -> Identifier.ssin("85073003329")).isInstanceOf(InvalidInputException.class);
		String number = TestPatients.nationalNumber(birth);
		patients.register(TestPatients.data("De Smet", TestPatients.uniqueWord())
			.withIdentifiers(List.of(Identifier.ssin(number))));
		assertThatThrownBy(() -> patients.register(TestPatients.data("De Smet", TestPatients.uniqueWord())
			.withIdentifiers(List.of(Identifier.ssin(number))))).isInstanceOf(ConflictException.class);
		// The refused registration's audit row and change were written by its statement
		// and rolled back with it (refusals of other tests' creates are audited as
		// denied, without a patient).
		feed.sequencePending();
		assertThat(jdbc
			.sql("""
					select (select count(*) from audit_log a where a.action = 'CREATE' and a.resource_type = 'Patient'
					          and a.outcome = 'SUCCESS' and not exists (select 1 from patient p where cast(p.id as varchar) = a.resource_id))
					     + (select count(*) from change_feed c where c.resource_type = 'Patient'
					          and not exists (select 1 from patient p where cast(p.id as varchar) = c.resource_id))""")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aConditionalRegistrationWhoseOtherIdentifierIsTakenIsRefusedWithItsHolder() {
		String number = TestPatients.nationalNumber(LocalDate.of(1991, 3, 14));
		Patient holder = patients.register(TestPatients.data("Claes", TestPatients.uniqueWord())
			.withIdentifiers(List.of(Identifier.ssin(number))));
		Identifier condition = new Identifier("urn:test:conditional", TestPatients.uniqueWord());
		assertThatThrownBy(() -> patients.registerIfAbsent(condition,
				TestPatients.data("Claes", "Other").withIdentifiers(List.of(condition, Identifier.ssin(number)))))
			.isInstanceOf(ConflictException.class)
			.hasMessage("The national number is already registered for patient " + holder.id());
		assertThat(jdbc.sql("select count(*) from patient_identifier where system = :system and value = :value")
			.param("system", condition.system())
			.param("value", condition.value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void nationalNumbersOfThisCenturyUseTheLeadingTwoInTheirCheck() {
		assertThat(NationalNumber.of(LocalDate.of(2003, 2, 1), 2).digits()).isEqualTo("03020100274");
		assertThat(NationalNumber.isValid("85.07.30-033.28")).isTrue();
		assertThat(NationalNumber.isValid("85.07.30-033.29")).isFalse();
	}

	@Test
	void mergedDuplicateLeadsToTheSurvivorAndHandsOverItsClinicalRecord() {
		Patient survivor = patients.register(TestPatients.data("Goossens", TestPatients.uniqueWord()));
		Patient duplicate = patients.register(TestPatients.data("Goossens", TestPatients.uniqueWord()));
		Allergy allergy = clinical.record(ClinicalKind.ALLERGIES, Allergy.of(duplicate.id(), ClinicalCode.text("Latex"),
				"environment", "high", "active", "confirmed", List.of("Urticaria"), "moderate", null));
		merges.merge(duplicate.id(), survivor.id());
		assertThat(patients.get(duplicate.id()).id()).isEqualTo(survivor.id());
		Patient stored = patients.read(duplicate.id());
		assertThat(stored.mergedInto()).isEqualTo(survivor.id());
		assertThat(stored.version()).isEqualTo(2);
		assertThat(clinical.read(ClinicalKind.ALLERGIES, allergy.id()).patient()).isEqualTo(survivor.id());
		assertThat(patients.record(survivor.id()).highRiskAllergies()).extracting(Allergy::id).contains(allergy.id());
		assertThatThrownBy(() -> merges.merge(duplicate.id(), survivor.id())).isInstanceOf(ConflictException.class);
		feed.sequencePending();
		assertThat(jdbc
			.sql("select resource_type || ':' || operation from change_feed where patient_id in (:ids)"
					+ " and operation <> 'CREATE' order by seq")
			.param("ids", List.of(duplicate.id().asString(), survivor.id().asString()))
			.query(String.class)
			.list()).containsExactly("AllergyIntolerance:UPDATE", "Patient:MERGE", "Patient:UPDATE");
		assertThat(patients.search(PatientQuery.text(duplicate.given().get(0), 10)).patients()).isEmpty();
	}

	@Test
	void summariesOfManyPatientsComeFromOneCallAndAreEachAudited() {
		Patient a = patients.register(TestPatients.data("Segers", "Fien"));
		Patient b = patients.register(TestPatients.data("Cools", "Wout"));
		Patient merged = patients.register(TestPatients.data("Cools", "Wout"));
		merges.merge(merged.id(), b.id());
		var summaries = patients.summaries(List.of(a.id(), merged.id(), new PatientId(Long.MAX_VALUE)));
		assertThat(summaries.keySet()).containsExactly(a.id(), merged.id());
		assertThat(summaries.get(a.id())).isEqualTo(a.summary());
		assertThat(summaries.get(merged.id()).id()).isEqualTo(b.id());
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'READ' and resource_id in (:ids)")
			.param("ids", List.of(a.id().asString(), b.id().asString()))
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void crossingMergesNeverLinkTwoPatientsToEachOther() throws Exception {
		Patient a = patients.register(TestPatients.data("Baeten", TestPatients.uniqueWord()));
		Patient b = patients.register(TestPatients.data("Baeten", TestPatients.uniqueWord()));
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		var go = new java.util.concurrent.CountDownLatch(1);
		var first = pool.submit(() -> {
			go.await();
			return merges.merge(a.id(), b.id());
		});
		var second = pool.submit(() -> {
			go.await();
			return merges.merge(b.id(), a.id());
		});
		go.countDown();
		int succeeded = 0;
		for (var result : List.of(first, second)) {
			try {
				result.get(30, java.util.concurrent.TimeUnit.SECONDS);
				succeeded++;
			}
			catch (java.util.concurrent.ExecutionException ex) {
				assertThat(ex.getCause()).isInstanceOf(ConflictException.class);
			}
		}
		pool.shutdown();
		assertThat(succeeded).isEqualTo(1);
		assertThat(List.of(patients.read(a.id()).isMerged(), patients.read(b.id()).isMerged()))
			.containsExactlyInAnyOrder(true, false);
	}

	@Test
	void idsForDemoAreInRegistrationOrder() {
		List<PatientId> ids = patients.idsForDemo(50);
		assertThat(ids).hasSize(50);
		assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(a.value(), b.value()));
	}

}
