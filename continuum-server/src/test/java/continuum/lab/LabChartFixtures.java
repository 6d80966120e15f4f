package continuum.lab;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.NewStaffMember;
import continuum.security.Role;
import continuum.security.StaffService;

/**
 * Laboratory results the way they come about: a physician orders, a nurse collects (at a
 * time in the past, so that results spread over days), a technologist receives, types in
 * and verifies, a clinical biologist releases; each step through the services, as the
 * role that does it.
 */
public final class LabChartFixtures {

	private final LabOrderService orders;

	private final SpecimenService specimens;

	private final ResultService results;

	private final PatientService patients;

	private final StaffService staff;

	private final LabCatalogue catalogue;

	public LabChartFixtures(LabOrderService orders, SpecimenService specimens, ResultService results,
			PatientService patients, StaffService staff, LabCatalogue catalogue) {
		this.catalogue = catalogue;
		this.orders = orders;
		this.specimens = specimens;
		this.results = results;
		this.patients = patients;
		this.staff = staff;
	}

	/** Runs as a signed-in member of staff with this username and role. */
	public static <T> T as(String username, Role role, Supplier<T> action) {
		return LabFixtures.as(username, role, action);
	}

	/** A new adult patient of this sex, born 14/03/1968. */
	public PatientId patient(String family, Gender gender) {
		return patients
			.register(new PatientData(List.of(), family, List.of("Anna"), null, LocalDate.of(1968, 3, 14), gender,
					Address.NONE, null, null, "nl", false))
			.id();
	}

	/**
	 * A physician of the test's own (demo password), so that the alerts addressed to them
	 * are the test's only.
	 */
	public String physician(String prefix) {
		String username = prefix + "." + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		staff.createInitial(new NewStaffMember(username, ContinuumIntegrationTest.DEMO_PASSWORD, Role.PHYSICIAN,
				"Claes", "Pieter", "Dr."));
		return username;
	}

	/**
	 * Orders the orderables as the physician, collects every specimen at
	 * {@code collectedAt}, receives them and enters {@code values} (test code to value),
	 * verified; answers the entered results, not yet released.
	 */
	public List<LabResult> entered(PatientId patient, String physician, List<String> orderables, Instant collectedAt,
			Map<String, String> values) {
		LabOrder order = as(physician, Role.PHYSICIAN,
				() -> orders.place(new NewLabOrder(patient, orderables, Priority.ROUTINE, null)));
		for (Specimen specimen : order.specimens()) {
			as("nurse", Role.NURSE, () -> specimens.collect(specimen.accession(), collectedAt));
			as("labtech", Role.LAB_TECHNOLOGIST,
					() -> specimens.receive(specimen.accession(), SpecimenCondition.ACCEPTABLE, null));
		}
		List<LabResult> entered = new ArrayList<>();
		values.forEach((test, value) -> {
			String accession = order.specimens()
				.stream()
				.filter(s -> s.container().equals(test(test).container()))
				.findFirst()
				.orElseThrow()
				.accession();
			entered.add(as("labtech", Role.LAB_TECHNOLOGIST, () -> results.enter(accession, test, value)));
		});
		return entered;
	}

	/** As {@link #entered}, then verified by the technologist, not yet released. */
	public List<LabResult> verified(PatientId patient, String physician, List<String> orderables, Instant collectedAt,
			Map<String, String> values) {
		List<LabResult> entered = entered(patient, physician, orderables, collectedAt, values);
		return as("labtech", Role.LAB_TECHNOLOGIST, () -> results.verify(entered.stream().map(LabResult::id).toList()));
	}

	/** As {@link #verified}, then released by the clinical biologist. */
	public List<LabResult> released(PatientId patient, String physician, List<String> orderables, Instant collectedAt,
			Map<String, String> values) {
		List<LabResult> verified = verified(patient, physician, orderables, collectedAt, values);
		return as("labmed", Role.LAB_SPECIALIST, () -> results.release(verified.stream().map(LabResult::id).toList()));
	}

	/** A released result corrected by the clinical biologist. */
	public LabResult corrected(LabResult result, String value, String reason) {
		return as("labmed", Role.LAB_SPECIALIST, () -> results.correct(result.id(), value, reason));
	}

	private LabTest test(String code) {
		return catalogue.test(code).orElseThrow();
	}

}
