package continuum.lab.fhir;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import continuum.lab.LabItemId;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.NewLabOrder;
import continuum.lab.Priority;
import continuum.lab.ResultService;
import continuum.lab.Specimen;
import continuum.lab.SpecimenCondition;
import continuum.lab.SpecimenService;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.Role;
import continuum.lab.LabFixtures;

/**
 * Orders and results built through the laboratory's services, each step in the role that
 * takes it: a physician orders, a nurse collects, a technologist receives, enters and
 * verifies, a clinical biologist releases.
 */
public final class LabFhirFixtures {

	private final PatientService patients;

	private final LabOrderService orders;

	private final SpecimenService specimens;

	private final ResultService results;

	public LabFhirFixtures(PatientService patients, LabOrderService orders, SpecimenService specimens,
			ResultService results) {
		this.patients = patients;
		this.orders = orders;
		this.specimens = specimens;
		this.results = results;
	}

	/** A patient of this test alone (a woman born in 1961). */
	public PatientId patient() {
		return patients
			.register(new PatientData(List.of(), "Lambrechts", List.of("Hélène"), null, LocalDate.of(1961, 5, 3),
					Gender.FEMALE, Address.NONE, null, null, "nl", false))
			.id();
	}

	public LabOrder order(PatientId patient, String... orderables) {
		return as("physician", "PHYSICIAN",
				() -> orders.place(new NewLabOrder(patient, List.of(orderables), Priority.ROUTINE, "Koorts")));
	}

	/** Collects and receives every specimen of the order in acceptable condition. */
	public void receiveAll(LabOrder order) {
		for (Specimen specimen : order.specimens()) {
			as("nurse", "NURSE", () -> specimens.collect(specimen.accession(), null));
			as("labtech", "LAB_TECHNOLOGIST",
					() -> specimens.receive(specimen.accession(), SpecimenCondition.ACCEPTABLE, null));
		}
	}

	/** The accession of the order's specimen that carries the test. */
	public static String accession(LabOrder order, String orderable) {
		LabItemId item = item(order, orderable);
		return order.specimens().stream().filter(s -> s.items().contains(item)).findFirst().orElseThrow().accession();
	}

	public static LabItemId item(LabOrder order, String orderable) {
		return order.items()
			.stream()
			.filter(i -> i.orderable().code().equals(orderable))
			.findFirst()
			.orElseThrow()
			.id();
	}

	/** A value typed in at the bench, not yet verified. */
	public LabResult enter(LabOrder order, String orderable, String test, String value) {
		return as("labtech", "LAB_TECHNOLOGIST", () -> results.enter(accession(order, orderable), test, value));
	}

	/** Verified by the technologist, then released by the clinical biologist. */
	public LabResult release(LabResult entered) {
		as("labtech", "LAB_TECHNOLOGIST", () -> results.verify(List.of(entered.id())));
		return as("labmed", "LAB_SPECIALIST", () -> results.release(List.of(entered.id()))).get(0);
	}

	public LabResult correct(LabResult released, String value) {
		return as("labmed", "LAB_SPECIALIST", () -> results.correct(released.id(), value, "Verkeerde staal"));
	}

	public static <T> T as(String username, String role, Supplier<T> action) {
		return LabFixtures.as(username, Role.valueOf(role), action);
	}

}
