package continuum.fhir;

import java.util.Set;

import ca.uhn.fhir.rest.param.ReferenceParam;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a patient reference search parameter ({@code patient=7}, or a chain such as
 * {@code patient.identifier=system|value}) to the patients it names, for the searches
 * this module answers across other modules' sources (ServiceRequest, DiagnosticReport):
 * resolved once, by the patients module (which audits it as a patient search and leaves
 * out restricted records the caller may not open), then handed to every source as
 * {@link SearchControls#withPatients}.
 */
public interface PatientChains {

	/** Null without the parameter; empty when it names no patient. */
	@Nullable Set<Long> patientsOf(@Nullable ReferenceParam param);

	/** Whether the parameter is a chained search ({@code patient.identifier=...}). */
	static boolean chained(@Nullable ReferenceParam param) {
		return param != null && param.getChain() != null && !param.getChain().isBlank();
	}

}
