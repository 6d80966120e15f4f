package continuum.lab.web;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.lab.LabOrder;
import continuum.lab.LabTest;
import continuum.lab.Specimen;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What the laboratory's pages share: who may do what (the services check again on every
 * change), the patients a list shows (read through the patients service, which audits
 * them), the hospital's zone for times.
 */
@Component
class LabPages {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private final AccessControl access;

	private final AuditService audit;

	private final PatientService patients;

	LabPages(AccessControl access, AuditService audit, PatientService patients) {
		this.access = access;
		this.audit = audit;
		this.patients = patients;
	}

	/** Technologists and clinical biologists. */
	boolean inLab() {
		Role role = access.currentRole();
		return role != null && role.verifiesLabResults();
	}

	/** The clinical biologist, who releases and corrects results. */
	boolean releases() {
		Role role = access.currentRole();
		return role != null && role.releasesLabResults();
	}

	/** Whoever may draw specimens: update on Specimen (nurses and the laboratory). */
	boolean collects() {
		return access.allows("Specimen", Interaction.UPDATE);
	}

	boolean allows(String resourceType, Interaction interaction) {
		return access.allows(resourceType, interaction);
	}

	/** Refuses (audited) unless the role allows the interaction. */
	void require(String resourceType, Interaction interaction, @Nullable PatientId patient) {
		access.require(resourceType, interaction, null, patient == null ? null : patient.asString());
	}

	/** A laboratory-only page asked for by someone else: refused and audited. */
	void requireLab(String page) {
		if (!inLab()) {
			deny(page);
		}
	}

	/** The collection round: who may draw specimens. */
	void requireCollector(String page) {
		if (!collects()) {
			deny(page);
		}
	}

	private void deny(String page) {
		audit.recordDenial(AuditEntry.denied(AuditAction.SEARCH, "Specimen", null, null,
				"laboratory page " + page + " is not open to this role"));
		throw new AccessDeniedException("The laboratory's " + page + " page is not open to this role");
	}

	/** Banner facts of the patients a page lists; audited by the patients service. */
	Map<PatientId, PatientSummary> patients(Collection<PatientId> ids) {
		return ids.isEmpty() ? Map.of() : patients.summaries(ids);
	}

	PatientSummary patient(PatientId id) {
		return patients.summary(id);
	}

	/**
	 * The short names of the tests a specimen carries: its items' tests that go in its
	 * container.
	 */
	static List<String> testsOf(LabOrder order, Specimen specimen) {
		return specimen.items()
			.stream()
			.flatMap(item -> order.item(item).orderable().tests().stream())
			.filter(test -> test.container().equals(specimen.container()))
			.map(LabTest::shortName)
			.distinct()
			.toList();
	}

	/**
	 * A change the service refused, shown on the page it was made from: the status a
	 * conflict (409) or invalid input (422) answers, and the message for the page.
	 */
	static String refusal(RuntimeException ex, HttpServletResponse response) {
		response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
				: HttpStatus.UNPROCESSABLE_CONTENT.value());
		return String.valueOf(ex.getMessage());
	}

	/** As staff read a name on a label or a list: family name in capitals first. */
	static String displayName(PatientSummary patient) {
		return patient.family().toUpperCase(java.util.Locale.ROOT)
				+ (patient.given().isBlank() ? "" : ", " + patient.given());
	}

}
