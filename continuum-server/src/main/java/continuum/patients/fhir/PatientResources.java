package continuum.patients.fhir;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import continuum.fhir.PatientChains;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import continuum.patients.PatientPage;
import continuum.patients.PatientQuery;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Patient;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Patient resources for other modules' FHIR providers, such as the subject that
 * {@code _include=Encounter:patient} adds to a bundle: the same representation as
 * {@code GET Patient/{id}}, read (and audited) as the patient module reads it.
 */
@Component
public class PatientResources implements PatientChains {

	private final PatientService patients;

	PatientResources(PatientService patients) {
		this.patients = patients;
	}

	/**
	 * The patient as stored (a merged duplicate with its link to the survivor), as a FHIR
	 * resource; audited as a read.
	 */
	public Patient read(PatientId id) {
		return PatientMapper.toFhir(patients.read(id));
	}

	/**
	 * The patients a reference search parameter on Patient names, for narrowing another
	 * type's search with {@link SearchControls#withPatients}: the one it names by id
	 * ({@code patient=7}), or those a chained search finds ({@code patient.identifier=
	 * system|value}, {@code patient.name}, {@code patient.family}, {@code patient.given}
	 * as on {@code Patient}), found by the patient search, which audits them and leaves
	 * out restricted records the caller may not open. Null without the parameter; empty
	 * when nothing matches.
	 * @throws InvalidRequestException for another chain, or a chain matching more than
	 * {@value PatientQuery#MAX_LIMIT} patients
	 */
	@Override
	public @Nullable Set<Long> patientsOf(@Nullable ReferenceParam param) {
		if (param == null) {
			return null;
		}
		String chain = param.getChain();
		if (chain == null || chain.isBlank()) {
			return searched(param).map(id -> Set.of(id.value())).orElse(Set.of());
		}
		if (param.getResourceType() != null && !"Patient".equals(param.getResourceType())) {
			return Set.of();
		}
		String value = param.getValue();
		PatientQuery query = switch (chain) {
			case Patient.SP_IDENTIFIER -> {
				int bar = value.indexOf('|');
				String system = bar < 0 ? null : value.substring(0, bar);
				yield new PatientQuery(null, null, null, null, system == null || system.isEmpty() ? null : system,
						bar < 0 ? value : value.substring(bar + 1), null, null, null, PatientQuery.MAX_LIMIT, 0);
			}
			case Patient.SP_NAME ->
				new PatientQuery(null, value, null, null, null, null, null, null, null, PatientQuery.MAX_LIMIT, 0);
			case Patient.SP_FAMILY ->
				new PatientQuery(null, null, value, null, null, null, null, null, null, PatientQuery.MAX_LIMIT, 0);
			case Patient.SP_GIVEN ->
				new PatientQuery(null, null, null, value, null, null, null, null, null, PatientQuery.MAX_LIMIT, 0);
			default -> throw new InvalidRequestException("Chained search on Patient." + chain
					+ " is not supported (served: identifier, name, family, given)");
		};
		PatientPage page = patients.search(query);
		if (page.total() > page.patients().size()) {
			throw new InvalidRequestException("The chained search on Patient." + chain + " matches " + page.total()
					+ " patients, more than the " + PatientQuery.MAX_LIMIT + " a chain may name; narrow it");
		}
		Set<Long> ids = new LinkedHashSet<>();
		page.patients().forEach(p -> ids.add(p.id().value()));
		return ids;
	}

	/** Whether the parameter is a chained search ({@code patient.identifier=...}). */
	public static boolean chained(@Nullable ReferenceParam param) {
		return param != null && param.getChain() != null && !param.getChain().isBlank();
	}

	/**
	 * The patient a reference search parameter names ({@code patient=7},
	 * {@code subject=Patient/7}), read by {@link ResourceIds#searched}: empty without the
	 * parameter, and when it names no patient of ours, which a search answers with no
	 * match.
	 */
	public static Optional<PatientId> searched(@Nullable ReferenceParam param) {
		if (param == null) {
			return Optional.empty();
		}
		var id = ResourceIds.searched(param, "Patient");
		return id.isPresent() ? Optional.of(new PatientId(id.getAsLong())) : Optional.empty();
	}

}
