package continuum.lab.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
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
import continuum.lab.LabItemId;
import continuum.lab.LabPage;
import continuum.lab.LabReport;
import continuum.lab.LabReportQuery;
import continuum.lab.LabSearchService;
import continuum.lab.LabTest;
import continuum.lab.ReportStatus;
import continuum.lab.SpecimenService;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR DiagnosticReport, one per order item that has a released result, with the item's
 * id: read, and search by {@code patient}, {@code code}, {@code date}, {@code status},
 * {@code category} ({@code LAB}), {@code based-on} and {@code _lastUpdated}, with
 * {@code _include} of its patient, results and specimens.
 */
@Component
public class DiagnosticReportResourceProvider implements IResourceProvider {

	private final LabSearchService search;

	private final SpecimenService specimens;

	private final PatientResources patients;

	DiagnosticReportResourceProvider(LabSearchService search, SpecimenService specimens, PatientResources patients) {
		this.search = search;
		this.specimens = specimens;
		this.patients = patients;
	}

	@Override
	public Class<DiagnosticReport> getResourceType() {
		return DiagnosticReport.class;
	}

	@Read
	public DiagnosticReport read(@IdParam IdType id) {
		return DiagnosticReportMapper.toFhir(search.report(new LabItemId(ResourceIds.of(id))));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = DiagnosticReport.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = DiagnosticReport.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = DiagnosticReport.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = DiagnosticReport.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = DiagnosticReport.SP_CATEGORY) @Nullable TokenParam category,
			@OptionalParam(name = DiagnosticReport.SP_BASED_ON) @Nullable ReferenceParam basedOn,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "DiagnosticReport:patient", "DiagnosticReport:result",
					"DiagnosticReport:specimen" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		Optional<PatientId> who = PatientResources.searched(patient);
		Optional<String> orderable = code == null ? Optional.empty() : LabSearchParams.code(code, LabTest.LOINC);
		Set<ReportStatus> statuses = LabSearchParams.statuses(status, ReportStatus::ofFhirCode);
		OptionalLong item = basedOn == null ? OptionalLong.empty() : ResourceIds.searched(basedOn, "ServiceRequest");
		if ((patient != null && who.isEmpty()) || (code != null && orderable.isEmpty())
				|| (statuses != null && statuses.isEmpty()) || (basedOn != null && item.isEmpty())
				|| !LabSearchParams.category(category, LabCodes.DIAGNOSTIC_SERVICE, "LAB")) {
			return Paging.empty();
		}
		int size = Paging.size(request, count);
		int first = Paging.first(offset);
		InstantRange effective = InstantRange.of(date);
		InstantRange updated = InstantRange.of(lastUpdated);
		LabPage<LabReport> page = search.reports(new LabReportQuery(who.orElse(null), orderable.orElse(null),
				statuses == null ? Set.of() : statuses, effective.from(), effective.until(), updated.from(),
				updated.until(), item.isPresent() ? new LabItemId(item.getAsLong()) : null, size, first));
		List<DiagnosticReport> matches = page.entries().stream().map(DiagnosticReportMapper::toFhir).toList();
		List<IBaseResource> included = new ArrayList<>();
		if (LabSearchParams.includes(includes, "DiagnosticReport:patient")) {
			included
				.addAll(LabSearchParams.patients(patients, page.entries().stream().map(LabReport::patient).toList()));
		}
		if (LabSearchParams.includes(includes, "DiagnosticReport:result")) {
			page.entries().forEach(r -> r.results().forEach(result -> included.add(ObservationMapper.toFhir(result))));
		}
		if (LabSearchParams.includes(includes, "DiagnosticReport:specimen")) {
			new LinkedHashSet<>(page.entries().stream().flatMap(r -> r.specimens().stream()).toList())
				.forEach(a -> included.add(SpecimenMapper.toFhir(specimens.get(a))));
		}
		return Paging.page(matches, included, page.total(), first, size);
	}

}
