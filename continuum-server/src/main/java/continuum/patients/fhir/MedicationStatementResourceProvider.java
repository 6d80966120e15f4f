package continuum.patients.fhir;

import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.IfMatch;
import continuum.fhir.Paging;
import continuum.patients.Medication;
import continuum.patients.ClinicalPage;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 MedicationStatement: read, vread, create, update with {@code If-Match}, delete;
 * search by patient, status and effective date, with offset paging and
 * {@code _include=MedicationStatement:patient}.
 */
@Component
public class MedicationStatementResourceProvider implements IResourceProvider {

	private final ClinicalRecordService clinical;

	private final PatientService patients;

	MedicationStatementResourceProvider(ClinicalRecordService clinical, PatientService patients) {
		this.clinical = clinical;
		this.patients = patients;
	}

	@Override
	public Class<MedicationStatement> getResourceType() {
		return MedicationStatement.class;
	}

	@Read(version = true)
	public MedicationStatement read(@IdParam IdType id) {
		long entry = FhirIds.id(id);
		Integer version = FhirIds.version(id);
		return MedicationStatementMapper
			.toFhir(version == null ? clinical.medication(entry) : clinical.medicationVersion(entry, version));
	}

	@Create
	public MethodOutcome create(@ResourceParam MedicationStatement resource) {
		return outcome(clinical.recordMedication(MedicationStatementMapper.fromFhir(resource)), true);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam MedicationStatement resource) {
		long entry = FhirIds.id(id);
		Integer expected = IfMatch.version(id);
		Medication data = MedicationStatementMapper.fromFhir(resource);
		int version = expected != null ? expected : clinical.medication(entry).version();
		return outcome(clinical.updateMedication(entry, version, data), false);
	}

	@Delete
	public void delete(@IdParam IdType id) {
		clinical.deleteMedication(FhirIds.id(id));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = MedicationStatement.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = MedicationStatement.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = MedicationStatement.SP_EFFECTIVE) @Nullable DateRangeParam date,
			@IncludeParam(allow = { "MedicationStatement:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		int limit = Paging.size(request, count);
		int start = Paging.first(offset);
		FhirDates.Range range = FhirDates.range(date);
		ClinicalPage<Medication> page = clinical.medications(new ClinicalQuery(FhirIds.patientParam(patient),
				ClinicalCodes.codes(status), range.from(), range.to(), limit, start));
		return Paging.page(page.entries().stream().map(MedicationStatementMapper::toFhir).toList(),
				ClinicalIncludes.patients(page.entries(), includes, patients), page.total(), start, limit);
	}

	private static MethodOutcome outcome(Medication entry, boolean created) {
		MethodOutcome outcome = new MethodOutcome(
				new IdType("MedicationStatement", Long.toString(entry.id()), Integer.toString(entry.version())),
				created);
		outcome.setResource(MedicationStatementMapper.toFhir(entry));
		return outcome;
	}

}
