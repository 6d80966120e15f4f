package continuum.imaging.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.InstantRange;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.imaging.ImagingStudyQuery;
import continuum.imaging.ImagingStudyRecord;
import continuum.imaging.ImagingStudyService;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR ImagingStudy, one per study the PACS holds for a known patient, with the study's
 * index id: read, and search by {@code patient} or {@code subject}, {@code identifier}
 * (the Study Instance UID as {@code urn:dicom:uid|urn:oid:1.2…}, or the accession
 * number), {@code started}, {@code modality}, {@code status} ({@code available}) and
 * {@code _lastUpdated}. Each names its images' DICOMweb endpoint.
 */
@Component
public class ImagingStudyResourceProvider implements IResourceProvider {

	private final ImagingStudyService studies;

	private final PatientResources patients;

	private final Clock clock;

	ImagingStudyResourceProvider(ImagingStudyService studies, PatientResources patients, Clock clock) {
		this.patients = patients;
		this.clock = clock;
		this.studies = studies;
	}

	@Override
	public Class<ImagingStudy> getResourceType() {
		return ImagingStudy.class;
	}

	@Read
	public ImagingStudy read(@IdParam IdType id, RequestDetails request) {
		return ImagingStudyMapper.toFhir(studies.get(ResourceIds.of(id)), dicomWeb(request));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = ImagingStudy.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = ImagingStudy.SP_SUBJECT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam subject,
			@OptionalParam(name = ImagingStudy.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@OptionalParam(name = ImagingStudy.SP_STARTED) @Nullable DateRangeParam started,
			@OptionalParam(name = ImagingStudy.SP_MODALITY) @Nullable TokenParam modality,
			@OptionalParam(name = ImagingStudy.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids, @Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "ImagingStudy:patient", "ImagingStudy:subject" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock)
			.withMissing(request, ImagingStudy.SP_STARTED);
		if (controls.asksMissing(ImagingStudy.SP_STARTED)) {
			// started:missing=... (a study without a study date) replaces the date range.
			started = null;
		}
		PatientId named = null;
		for (ReferenceParam who : new ReferenceParam[] { patient, subject }) {
			if (PatientResources.chained(who)) {
				controls = controls.withPatients(patients.patientsOf(who));
			}
			else if (who != null) {
				PatientId id = PatientResources.searched(who).orElse(null);
				if (id == null || (named != null && !named.equals(id))) {
					return Paging.empty();
				}
				named = id;
			}
		}
		Optional<Identified> identified = identifier == null ? Optional.empty() : Identified.of(identifier);
		Optional<String> modalityCode = modality == null ? Optional.empty() : modalityCode(modality);
		if (controls.matchesNothing() || (identifier != null && identified.isEmpty())
				|| (modality != null && modalityCode.isEmpty())
				|| (status != null && !"available".equals(status.getValue()))) {
			return Paging.empty();
		}
		int size = Math.min(Paging.size(request, count), ImagingStudyService.MAX_PAGE);
		int first = Paging.first(offset);
		InstantRange start = InstantRange.of(started);
		ImagingStudyQuery query = new ImagingStudyQuery(named, identified.map(Identified::uid).orElse(null),
				identified.map(Identified::accession).orElse(null), start.from(), start.until(),
				modalityCode.orElse(null), null, null, size, first, controls);
		ImagingStudyService.Page page = studies.search(query);
		String base = dicomWeb(request);
		List<ImagingStudy> matches = page.studies().stream().map(s -> ImagingStudyMapper.toFhir(s, base)).toList();
		List<IBaseResource> included = new ArrayList<>();
		if (includes != null && !includes.isEmpty()) {
			// Both name the same reference (ImagingStudy.subject, always a patient here):
			// each patient once.
			new LinkedHashSet<>(page.studies().stream().map(ImagingStudyRecord::patient).toList())
				.forEach(id -> included.add(patients.read(id)));
		}
		return Paging.page(matches, included, page.total(), first, size);
	}

	/** What an identifier token names: a Study Instance UID or an accession number. */
	record Identified(@Nullable String uid, @Nullable String accession) {

		static Optional<Identified> of(TokenParam token) {
			String system = token.getSystem() == null ? "" : token.getSystem();
			String value = token.getValue() == null ? "" : token.getValue().strip();
			if (value.isEmpty()) {
				return Optional.empty();
			}
			boolean oid = value.startsWith(ImagingStudyCodes.OID_PREFIX);
			if (system.equals(ImagingStudyCodes.DICOM_UID) || (system.isEmpty() && oid)) {
				return oid ? Optional.of(new Identified(value.substring(ImagingStudyCodes.OID_PREFIX.length()), null))
						: Optional.empty();
			}
			if (system.isEmpty() || system.equals(ImagingStudyCodes.ACCESSION_SYSTEM)) {
				return Optional.of(new Identified(null, value));
			}
			return Optional.empty();
		}

	}

	private static Optional<String> modalityCode(TokenParam token) {
		String system = token.getSystem();
		if (system != null && !system.isEmpty() && !ImagingStudyCodes.DCM.equals(system)) {
			return Optional.empty();
		}
		return token.getValue() == null || token.getValue().isBlank() ? Optional.empty()
				: Optional.of(token.getValue().strip());
	}

	/** The DICOMweb base beside the FHIR base this request came in on. */
	static String dicomWeb(RequestDetails request) {
		return dicomWeb(request.getFhirServerBase());
	}

	/** The DICOMweb base beside this FHIR base. */
	static String dicomWeb(String fhirBase) {
		String base = fhirBase;
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		if (base.endsWith("/fhir")) {
			base = base.substring(0, base.length() - "/fhir".length());
		}
		return base + "/dicomweb";
	}

}
