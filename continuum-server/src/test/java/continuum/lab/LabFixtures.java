package continuum.lab;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Builds the rows a laboratory test needs through the services, each step as the role
 * that takes it: a fresh patient, an order, its specimens collected and received, results
 * entered, verified and released.
 */
@Component
public class LabFixtures {

	private final PatientService patients;

	private final LabOrderService orders;

	private final SpecimenService specimens;

	private final ResultService results;

	public LabFixtures(PatientService patients, LabOrderService orders, SpecimenService specimens,
			ResultService results) {
		this.patients = patients;
		this.orders = orders;
		this.specimens = specimens;
		this.results = results;
	}

	public PatientId patient(Gender gender, LocalDate birthDate) {
		return as("PHYSICIAN",
				() -> patients
					.register(new PatientData(List.of(), "Claeys", List.of("Marie"), null, birthDate, gender,
							Address.NONE, null, null, "nl", false))
					.id());
	}

	public LabOrder order(PatientId patient, String... orderables) {
		return as("PHYSICIAN",
				() -> orders.place(new NewLabOrder(patient, List.of(orderables), Priority.ROUTINE, "fever")));
	}

	/**
	 * Collects (as a nurse) and receives (as a technologist) every specimen of the order.
	 */
	public LabOrder receiveAll(LabOrder order) {
		for (Specimen specimen : order.specimens()) {
			as("NURSE", () -> specimens.collect(specimen.accession(), null));
			as("LAB_TECHNOLOGIST", () -> specimens.receive(specimen.accession(), SpecimenCondition.ACCEPTABLE, null));
		}
		return as("PHYSICIAN", () -> orders.get(order.id()));
	}

	/** The specimen of the order that carries the test. */
	public static String accessionFor(LabOrder order, String testCode) {
		return order.specimens()
			.stream()
			.filter(s -> s.status() != SpecimenStatus.REJECTED)
			.filter(s -> s.items()
				.stream()
				.anyMatch(i -> order.item(i).orderable().tests().stream().anyMatch(t -> t.code().equals(testCode))))
			.findFirst()
			.orElseThrow()
			.accession();
	}

	/**
	 * Enters (technologist), verifies (technologist) and releases (clinical biologist)
	 * one result.
	 */
	public LabResult release(LabOrder order, String testCode, String value) {
		LabResult entered = as("LAB_TECHNOLOGIST", () -> results.enter(accessionFor(order, testCode), testCode, value));
		as("LAB_TECHNOLOGIST", () -> results.verify(List.of(entered.id())));
		return as("LAB_SPECIALIST", () -> results.release(List.of(entered.id()))).get(0);
	}

	/**
	 * Runs as the demo account of the given role (the role's name, e.g. LAB_SPECIALIST).
	 */
	public static <T> T as(String role, Supplier<T> action) {
		Role signedIn = Role.valueOf(role);
		return as(signedIn.demoUsername(), signedIn, action);
	}

	/** Runs as a signed-in member of staff with this username and role. */
	public static <T> T as(String username, Role role, Supplier<T> action) {
		var previous = SecurityContextHolder.getContext().getAuthentication();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
					List.of(new SimpleGrantedAuthority("ROLE_" + role.name()))));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.getContext().setAuthentication(previous);
		}
	}

}
