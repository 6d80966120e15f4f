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
import continuum.patients.Allergy;
import continuum.patients.ClinicalPage;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 AllergyIntolerance: read, vread, create, update with {@code If-Match}, delete;
 * search by patient, clinical status and recorded date, with offset paging and
 * {@code _include=AllergyIntolerance:patient}.
 */
@Component
public class AllergyIntoleranceResourceProvider implements IResourceProvider {

	private final ClinicalRecordService clinical;

	private final PatientService patients;

	AllergyIntoleranceResourceProvider(ClinicalRecordService clinical, PatientService patients) {
		this.clinical = clinical;
		this.patients = patients;
	}

	@Override
	public Class<AllergyIntolerance> getResourceType() {
		return AllergyIntolerance.class;
	}

	@Read(version = true)
	public AllergyIntolerance read(@IdParam IdType id) {
		long entry = FhirIds.id(id);
		Integer version = FhirIds.version(id);
		return AllergyIntoleranceMapper
			.toFhir(version == null ? clinical.allergy(entry) : clinical.allergyVersion(entry, version));
	}

	@Create
	public MethodOutcome create(@ResourceParam AllergyIntolerance resource) {
		return outcome(clinical.recordAllergy(AllergyIntoleranceMapper.fromFhir(resource)), true);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam AllergyIntolerance resource) {
		long entry = FhirIds.id(id);
		Integer expected = IfMatch.version(id);
		Allergy data = AllergyIntoleranceMapper.fromFhir(resource);
		int version = expected != null ? expected : clinical.allergy(entry).version();
		return outcome(clinical.updateAllergy(entry, version, data), false);
	}

	@Delete
	public void delete(@IdParam IdType id) {
		clinical.deleteAllergy(FhirIds.id(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = AllergyIntolerance.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = AllergyIntolerance.SP_CLINICAL_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = AllergyIntolerance.SP_DATE) @Nullable DateRangeParam date,
			@IncludeParam(allow = { "AllergyIntolerance:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		int limit = Paging.size(request, count);
		int start = Paging.first(offset);
		FhirDates.Range range = FhirDates.range(date);
		ClinicalPage<Allergy> page = clinical.allergies(new ClinicalQuery(FhirIds.patientParam(patient),
				ClinicalCodes.codes(status), range.from(), range.to(), limit, start));
		return Paging.page(page.entries().stream().map(AllergyIntoleranceMapper::toFhir).toList(),
				ClinicalIncludes.patients(page.entries(), includes, patients), page.total(), start, limit);
	}

	private static MethodOutcome outcome(Allergy entry, boolean created) {
		MethodOutcome outcome = new MethodOutcome(
				new IdType("AllergyIntolerance", Long.toString(entry.id()), Integer.toString(entry.version())),
				created);
		outcome.setResource(AllergyIntoleranceMapper.toFhir(entry));
		return outcome;
	}

}
