package continuum.lab.fhir;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.InstantRange;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.lab.LabPage;
import continuum.lab.LabSearchService;
import continuum.lab.SpecimenQuery;
import continuum.lab.SpecimenService;
import continuum.lab.SpecimenStatus;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
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

	SpecimenResourceProvider(SpecimenService specimens, LabSearchService search) {
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
	public IBundleProvider search(@OptionalParam(name = Specimen.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Specimen.SP_ACCESSION) @Nullable TokenParam accession,
			@OptionalParam(name = Specimen.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		Optional<PatientId> who = PatientResources.searched(patient);
		Optional<String> number = accession == null ? Optional.empty()
				: LabSearchParams.code(accession, LabCodes.ACCESSION_SYSTEM);
		Set<Set<SpecimenStatus>> named = LabSearchParams.statuses(status, SpecimenResourceProvider::statuses);
		Set<SpecimenStatus> statuses = named == null ? Set.of()
				: named.stream().flatMap(Set::stream).collect(Collectors.toSet());
		if ((patient != null && who.isEmpty()) || (accession != null && number.isEmpty())
				|| (status != null && statuses.isEmpty())) {
			return Paging.empty();
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		InstantRange updated = InstantRange.of(lastUpdated);
		LabPage<continuum.lab.Specimen> page = search.specimens(new SpecimenQuery(who.orElse(null), number.orElse(null),
				statuses, updated.from(), updated.until(), size, first));
		List<Specimen> matches = page.entries().stream().map(SpecimenMapper::toFhir).toList();
		return Paging.page(matches, List.of(), page.total(), first, size);
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
