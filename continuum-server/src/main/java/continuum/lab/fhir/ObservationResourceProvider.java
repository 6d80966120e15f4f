package continuum.lab.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.HistoryPages;
import continuum.fhir.InstantRange;
import continuum.fhir.Paging;
import continuum.fhir.SearchControls;
import continuum.fhir.ResourceIds;
import continuum.lab.LabHistoryService;
import continuum.lab.LabItemId;
import continuum.lab.LabPage;
import continuum.lab.LabResult;
import continuum.lab.LabResultQuery;
import continuum.lab.LabSearchService;
import continuum.lab.LabTest;
import continuum.lab.ResultId;
import continuum.lab.ResultNotFoundException;
import continuum.lab.ResultService;
import continuum.lab.ResultStatus;
import continuum.lab.SpecimenService;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Observation of category laboratory, released results only (an unreleased result is
 * not found by a read and matches no search): read, vread and {@code _history} of its
 * released versions, and search by {@code patient}, {@code code}, {@code date},
 * {@code status}, {@code category}, {@code _lastUpdated}, {@code specimen} and
 * {@code based-on}, with {@code _include=Observation:patient} and
 * {@code Observation:specimen}.
 */
@Component
public class ObservationResourceProvider implements IResourceProvider {

	private final ResultService results;

	private final LabSearchService search;

	private final SpecimenService specimens;

	private final PatientResources patients;

	private final Clock clock;

	private final LabHistoryService history;

	ObservationResourceProvider(ResultService results, LabHistoryService history, LabSearchService search,
			SpecimenService specimens, PatientResources patients, Clock clock) {
		this.history = history;
		this.clock = clock;
		this.results = results;
		this.search = search;
		this.specimens = specimens;
		this.patients = patients;
	}

	@Override
	public Class<Observation> getResourceType() {
		return Observation.class;
	}

	@Read(version = true)
	public Observation read(@IdParam IdType id) {
		ResultId result = new ResultId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		if (version != null) {
			return ObservationMapper.toFhir(history.resultVersion(result, version));
		}
		LabResult found = results.get(result);
		if (!found.released()) {
			// The laboratory's own roles see unreleased results in its pages; FHIR
			// shows what has left the laboratory, to everyone alike, and answers an
			// unreleased one as it answers an unknown id.
			throw new ResultNotFoundException("No laboratory result with id " + result);
		}
		return ObservationMapper.toFhir(found);
	}

	/**
	 * {@code GET Observation/{id}/_history}: its released versions, newest first (the
	 * first release a POST, a correction a PUT).
	 */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return page(history.resultHistory(new ResultId(ResourceIds.of(id)), query(window)), window);
	}

	/** {@code GET Observation/_history}: every released version the caller may open. */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return page(history.resultHistory(query(window)), window);
	}

	private static HistoryQuery query(HistoryPages.Window window) {
		return new HistoryQuery(window.since(), window.size(), window.first());
	}

	/**
	 * A page of released versions; the first a result ever had is marked as its creation
	 * (an Observation appears when it is released), later ones as updates.
	 */
	private static IBundleProvider page(HistoryPage<LabResult> page, HistoryPages.Window window) {
		return HistoryPages.page(page.versions().stream().map(v -> {
			Observation observation = ObservationMapper.toFhir(v);
			ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(observation,
					v.corrected() ? BundleEntryTransactionMethodEnum.PUT : BundleEntryTransactionMethodEnum.POST);
			return observation;
		}).toList(), page.total(), window);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Observation.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = Observation.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = Observation.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = Observation.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Observation.SP_CATEGORY) @Nullable TokenParam category,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@OptionalParam(name = Observation.SP_SPECIMEN) @Nullable ReferenceParam specimen,
			@OptionalParam(name = Observation.SP_BASED_ON) @Nullable ReferenceParam basedOn,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids, @Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "Observation:patient", "Observation:specimen" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock).withText("code", code);
		if (SearchControls.isText(code)) {
			// code:text=... matches the test's short name or name, not a code.
			code = null;
		}
		PatientId named = null;
		if (PatientResources.chained(patient)) {
			controls = controls.withPatients(patients.patientsOf(patient));
		}
		else if (patient != null) {
			named = PatientResources.searched(patient).orElse(null);
			if (named == null) {
				return Paging.empty();
			}
		}
		Optional<String> test = code == null ? Optional.empty() : LabSearchParams.code(code, LabTest.LOINC);
		Set<ResultStatus> statuses = LabSearchParams.statuses(status, ObservationResourceProvider::status);
		OptionalLong accession = specimen == null ? OptionalLong.empty() : ResourceIds.searched(specimen, "Specimen");
		OptionalLong item = basedOn == null ? OptionalLong.empty() : ResourceIds.searched(basedOn, "ServiceRequest");
		if (controls.matchesNothing() || (code != null && test.isEmpty()) || (statuses != null && statuses.isEmpty())
				|| (specimen != null && accession.isEmpty()) || (basedOn != null && item.isEmpty())
				|| !LabSearchParams.category(category, LabCodes.OBSERVATION_CATEGORY, "laboratory")) {
			return Paging.empty();
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		InstantRange observed = InstantRange.of(date);
		LabPage<LabResult> page = search.results(new LabResultQuery(named, test.orElse(null),
				statuses == null ? Set.of() : statuses, observed.from(), observed.until(), null, null,
				accession.isPresent() ? Long.toString(accession.getAsLong()) : null,
				item.isPresent() ? new LabItemId(item.getAsLong()) : null, size, first, controls));
		List<Observation> matches = page.entries().stream().map(ObservationMapper::toFhir).toList();
		List<IBaseResource> included = new ArrayList<>();
		if (LabSearchParams.includes(includes, "Observation:patient")) {
			included
				.addAll(LabSearchParams.patients(patients, page.entries().stream().map(LabResult::patient).toList()));
		}
		if (LabSearchParams.includes(includes, "Observation:specimen")) {
			new LinkedHashSet<>(page.entries().stream().map(LabResult::accession).toList())
				.forEach(a -> included.add(SpecimenMapper.toFhir(specimens.get(a))));
		}
		return Paging.page(matches, included, page.total(), first, size);
	}

	private static Optional<ResultStatus> status(String code) {
		return EnumSet.allOf(ResultStatus.class).stream().filter(s -> s.fhirCode().equals(code)).findFirst();
	}

}
