package continuum.patients.fhir;

import java.time.Clock;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.patients.Problem;
import continuum.fhir.SearchControls;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientHistoryService;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 Condition: read, vread, create, update with {@code If-Match}, delete; search by
 * patient, clinical status and onset date, with offset paging and
 * {@code _include=Condition:patient}. The flow is {@link ClinicalResources}'s.
 */
@Component
public class ConditionResourceProvider implements IResourceProvider {

	private final Clock clock;

	private final ClinicalResources<Problem, Condition> resources;

	ConditionResourceProvider(ClinicalRecordService clinical, PatientService patients, PatientHistoryService history,
			Clock clock) {
		this.clock = clock;
		this.resources = new ClinicalResources<>(clinical, patients, history, ClinicalKind.PROBLEMS,
				ConditionMapper::toFhir, ConditionMapper::fromFhir);
	}

	@Override
	public Class<Condition> getResourceType() {
		return Condition.class;
	}

	@Read(version = true)
	public Condition read(@IdParam IdType id) {
		return resources.read(id);
	}

	/** {@code GET Condition/{id}/_history}: the entry's versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		return resources.history(id, since, offset, count, request);
	}

	/**
	 * {@code GET Condition/_history}: every entry's versions, of the patients the caller
	 * may open.
	 */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		return resources.history(null, since, offset, count, request);
	}

	@Create
	public MethodOutcome create(@ResourceParam Condition resource) {
		return resources.create(resource);
	}

	@Update
	public MethodOutcome update(@IdParam @Nullable IdType id, @ResourceParam Condition resource,
			@ConditionalUrlParam @Nullable String conditional, RequestDetails request) {
		return resources.update(id, resource, conditional, request);
	}

	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return resources.patch(id, type, body, request);
	}

	@Delete
	public void delete(@IdParam IdType id) {
		resources.delete(id);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Condition.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = Condition.SP_CLINICAL_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Condition.SP_ONSET_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = Condition.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "Condition:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		return resources.search(patient, status, date, code, SearchControls.of(ids, lastUpdated, sort, clock), includes,
				offset, count, request);
	}

}
