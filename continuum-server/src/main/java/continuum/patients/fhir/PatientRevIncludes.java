package continuum.patients.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.fhir.PatientCompartmentExport;
import continuum.patients.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code _revinclude} on a Patient search of the types other modules serve (Encounter,
 * Appointment, ServiceRequest, Specimen, Observation, DiagnosticReport, ImagingStudy):
 * for the patients of the page, every resource of the type a search of it by patient
 * finds, read through the module's compartment reader (the one the bulk export uses,
 * under the caller's rights: a role that may not search the type is refused as that
 * search would be). Restricted records are not here to leave out: the page holds only
 * patients the caller may open. Audited as a search of the type, with one row per patient
 * whose resources are shown, in the transaction that reads them.
 */
@Component
class PatientRevIncludes {

	/** At most this many resources of one type for one page of patients. */
	static final int LIMIT = 1000;

	private final ObjectProvider<PatientCompartmentExport> readers;

	private final AuditService audit;

	private final TransactionTemplate transaction;

	PatientRevIncludes(ObjectProvider<PatientCompartmentExport> readers, AuditService audit,
			TransactionTemplate transaction) {
		this.readers = readers;
		this.audit = audit;
		this.transaction = transaction;
	}

	/** The resources of {@code type} that belong to the patients, in their order. */
	List<IBaseResource> of(String type, List<PatientId> patients, String fhirBase) {
		if (patients.isEmpty()) {
			return List.of();
		}
		List<Long> ids = patients.stream().map(PatientId::value).toList();
		return transaction.execute(status -> {
			Map<Long, List<IBaseResource>> byPatient = new LinkedHashMap<>();
			ids.forEach(id -> byPatient.put(id, new ArrayList<>()));
			readers.orderedStream()
				.filter(reader -> reader.resourceType().equals(type))
				.forEach(reader -> reader.forPatients(ids, fhirBase, (patient,
						resource) -> byPatient.computeIfAbsent(patient, p -> new ArrayList<>()).add(resource)));
			List<IBaseResource> found = new ArrayList<>();
			List<AuditEntry> rows = new ArrayList<>();
			byPatient.forEach((patient, resources) -> {
				found.addAll(resources);
				if (!resources.isEmpty()) {
					rows.add(new AuditEntry(AuditAction.SEARCH, type, null, Long.toString(patient),
							AuditOutcome.SUCCESS, resources.size() + " included by _revinclude"));
				}
			});
			if (found.size() > LIMIT) {
				throw new InvalidRequestException(
						"_revinclude=" + type + " would bring " + found.size() + " resources for this page, more than "
								+ LIMIT + "; ask for fewer patients (_count)" + " or search " + type + " by patient");
			}
			rows.add(0, new AuditEntry(AuditAction.SEARCH, type, null, null, AuditOutcome.SUCCESS,
					found.size() + " included by _revinclude on " + ids.size() + " patients"));
			audit.recordAll(rows);
			return found;
		});
	}

}
