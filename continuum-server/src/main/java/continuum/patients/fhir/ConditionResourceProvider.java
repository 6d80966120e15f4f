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
import continuum.patients.Problem;
import continuum.patients.ClinicalPage;
import continuum.patients.ClinicalQuery;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 Condition: read, vread, create, update with {@code If-Match}, delete; search by
 * patient, clinical status and onset date, with offset paging and
 * {@code _include=Condition:patient}.
 */
@Component
public class ConditionResourceProvider implements IResourceProvider {

	private final ClinicalRecordService clinical;

	private final PatientService patients;

	ConditionResourceProvider(ClinicalRecordService clinical, PatientService patients) {
		this.clinical = clinical;
		this.patients = patients;
	}

	@Override
	public Class<Condition> getResourceType() {
		return Condition.class;
	}

	@Read(version = true)
	public Condition read(@IdParam IdType id) {
		long entry = FhirIds.id(id);
		Integer version = FhirIds.version(id);
		return ConditionMapper
			.toFhir(version == null ? clinical.problem(entry) : clinical.problemVersion(entry, version));
	}

	@Create
	public MethodOutcome create(@ResourceParam Condition resource) {
		return outcome(clinical.recordProblem(ConditionMapper.fromFhir(resource)), true);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Condition resource) {
		long entry = FhirIds.id(id);
		Integer expected = IfMatch.version(id);
		Problem data = ConditionMapper.fromFhir(resource);
		int version = expected != null ? expected : clinical.problem(entry).version();
		return outcome(clinical.updateProblem(entry, version, data), false);
	}

	@Delete
	public void delete(@IdParam IdType id) {
		clinical.deleteProblem(FhirIds.id(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Condition.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Condition.SP_CLINICAL_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Condition.SP_ONSET_DATE) @Nullable DateRangeParam date,
			@IncludeParam(allow = { "Condition:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		int limit = Paging.size(request, count);
		int start = Paging.first(offset);
		FhirDates.Range range = FhirDates.range(date);
		ClinicalPage<Problem> page = clinical.problems(new ClinicalQuery(FhirIds.patientParam(patient),
				ClinicalCodes.codes(status), range.from(), range.to(), limit, start));
		return Paging.page(page.entries().stream().map(ConditionMapper::toFhir).toList(),
				ClinicalIncludes.patients(page.entries(), includes, patients), page.total(), start, limit);
	}

	private static MethodOutcome outcome(Problem entry, boolean created) {
		MethodOutcome outcome = new MethodOutcome(
				new IdType("Condition", Long.toString(entry.id()), Integer.toString(entry.version())), created);
		outcome.setResource(ConditionMapper.toFhir(entry));
		return outcome;
	}

}
