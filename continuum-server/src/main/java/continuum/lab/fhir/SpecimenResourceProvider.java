package continuum.lab.fhir;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.Paging;
import continuum.fhir.SearchControls;
import continuum.fhir.ResourceIds;
import continuum.lab.LabPage;
import continuum.lab.LabSearchService;
import continuum.lab.SpecimenQuery;
import continuum.lab.SpecimenService;
import continuum.lab.SpecimenStatus;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Specimen;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Specimen, named by accession number: read, and search by {@code patient},
 * {@code accession}, {@code status} ({@code available}: collected or received;
 * {@code unavailable}: rejected) and {@code _lastUpdated}.
 */
@Component
public class SpecimenResourceProvider implements IResourceProvider {

	private final SpecimenService specimens;

	private final LabSearchService search;

	private final PatientResources patients;

	private final Clock clock;

	SpecimenResourceProvider(SpecimenService specimens, LabSearchService search, PatientResources patients,
			Clock clock) {
		this.patients = patients;
		this.clock = clock;
		this.specimens = specimens;
		this.search = search;
	}

	@Override
	public Class<Specimen> getResourceType() {
		return Specimen.class;
	}

	@Read
	public Specimen read(@IdParam IdType id) {
		return SpecimenMapper.toFhir(specimens.get(Long.toString(ResourceIds.of(id))));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Specimen.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = Specimen.SP_ACCESSION) @Nullable TokenParam accession,
			@OptionalParam(name = Specimen.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids, @Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "Specimen:patient" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock);
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
		Optional<String> number = accession == null ? Optional.empty()
				: LabSearchParams.code(accession, LabCodes.ACCESSION_SYSTEM);
		Set<Set<SpecimenStatus>> byCode = LabSearchParams.statuses(status, SpecimenResourceProvider::statuses);
		Set<SpecimenStatus> statuses = byCode == null ? Set.of()
				: byCode.stream().flatMap(Set::stream).collect(Collectors.toSet());
		if (controls.matchesNothing() || (accession != null && number.isEmpty())
				|| (status != null && statuses.isEmpty())) {
			return Paging.empty();
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		LabPage<continuum.lab.Specimen> page = search
			.specimens(new SpecimenQuery(named, number.orElse(null), statuses, null, null, size, first, controls));
		List<Specimen> matches = page.entries().stream().map(SpecimenMapper::toFhir).toList();
		List<IBaseResource> included = LabSearchParams.includes(includes, "Specimen:patient") ? LabSearchParams
			.patients(patients, page.entries().stream().map(continuum.lab.Specimen::patient).toList()) : List.of();
		return Paging.page(matches, included, page.total(), first, size);
	}

	/** The states a FHIR specimen status stands for. */
	private static Optional<Set<SpecimenStatus>> statuses(String code) {
		return switch (code) {
			case "available" -> Optional.of(Set.of(SpecimenStatus.COLLECTED, SpecimenStatus.RECEIVED));
			case "unavailable" -> Optional.of(Set.of(SpecimenStatus.REJECTED));
			default -> Optional.empty();
		};
	}

}
