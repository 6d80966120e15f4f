package continuum.adt.fhir;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.adt.EncounterHistory;
import continuum.adt.EncounterId;
import continuum.adt.EncounterQuery;
import continuum.adt.EncounterService;
import continuum.adt.EncounterStatus;
import continuum.adt.LocationRef;
import continuum.adt.LocationService;
import continuum.fhir.ConditionalUpdate;
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import continuum.patients.fhir.PatientResources;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Encounter: read, vread and instance history, create (an admission), update
 * (discharge, cancel or transfer, with an {@code If-Match} version check; conditional on
 * {@code _id}; or a JSON Patch of the current version), and search by
 * {@code patient}/{@code subject}, {@code location}, {@code status} and {@code date},
 * paged, with {@code _include=Encounter:patient}.
 */
@Component
public class EncounterResourceProvider implements IResourceProvider {

	private final EncounterService encounters;

	private final EncounterRequests requests;

	private final PatientResources patients;

	private final LocationService locations;

	private final Clock clock;

	EncounterResourceProvider(EncounterService encounters, EncounterRequests requests, PatientResources patients,
			LocationService locations, Clock clock) {
		this.locations = locations;
		this.clock = clock;
		this.encounters = encounters;
		this.requests = requests;
		this.patients = patients;
	}

	@Override
	public Class<Encounter> getResourceType() {
		return Encounter.class;
	}

	@Read(version = true)
	public Encounter read(@IdParam IdType id) {
		EncounterId encounter = new EncounterId(ResourceIds.of(id));
		Integer version = ResourceIds.version(id);
		return EncounterMapper
			.toFhir(version == null ? encounters.get(encounter) : encounters.version(encounter, version));
	}

	/**
	 * {@code GET Encounter/{id}/_history}: its versions, newest first; version 1 was a
	 * POST, later ones PUTs.
	 */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return HistoryPages.page(encounters.history(new EncounterId(ResourceIds.of(id)))
			.stream()
			.map(version -> HistoryPages.version(EncounterMapper.toFhir(version), false))
			.toList(), window);
	}

	/** {@code GET Encounter/_history}: every encounter's versions the caller may open. */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		EncounterHistory page = encounters.history(window.since(), window.size(), window.first());
		return HistoryPages.page(
				page.versions().stream().map(v -> HistoryPages.version(EncounterMapper.toFhir(v), false)).toList(),
				page.total(), window);
	}

	@Create
	public MethodOutcome create(@ResourceParam Encounter resource) {
		Encounter created = EncounterMapper.toFhir(requests.admit(resource));
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam @Nullable IdType id, @ResourceParam Encounter resource,
			@ConditionalUrlParam @Nullable String conditional, RequestDetails request) {
		if (id == null || !id.hasIdPart()) {
			return ConditionalUpdate.onId(conditional, "Encounter", request,
					target -> change(target, resource, request));
		}
		return change(id, resource, request);
	}

	private MethodOutcome change(IdType id, Encounter resource, RequestDetails request) {
		Encounter updated = EncounterMapper
			.toFhir(requests.change(new EncounterId(ResourceIds.of(id)), IfMatch.version(id, request), resource));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	/**
	 * {@code PATCH Encounter/{id}} with a JSON Patch: applied to the current version,
	 * then changed as a PUT would change it, at that version.
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> change(target, patched, request));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Encounter.SP_PATIENT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam patient,
			@OptionalParam(name = Encounter.SP_SUBJECT,
					chainWhitelist = { "", "identifier", "name", "family", "given" }) @Nullable ReferenceParam subject,
			@OptionalParam(name = Encounter.SP_LOCATION) @Nullable ReferenceParam location,
			@OptionalParam(name = Encounter.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = Encounter.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort,
			@IncludeParam(allow = { "Encounter:patient", "Encounter:subject",
					"Encounter:location" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock);
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
		if (controls.matchesNothing()) {
			return Paging.empty();
		}
		LocationRef locationRef = null;
		if (location != null) {
			locationRef = LocationRef.parse(location.getIdPart()).orElse(null);
			if (locationRef == null) {
				return Paging.empty();
			}
		}
		Set<EncounterStatus> statuses = EnumSet.noneOf(EncounterStatus.class);
		if (status != null) {
			for (TokenParam token : status.getValuesAsQueryTokens()) {
				EncounterStatus.ofCode(token.getValue()).ifPresent(statuses::add);
			}
			if (statuses.isEmpty()) {
				return Paging.empty();
			}
		}
		Instant from = date == null || date.getLowerBoundAsInstant() == null ? null
				: date.getLowerBoundAsInstant().toInstant();
		Instant to = date == null || date.getUpperBoundAsInstant() == null ? null
				: date.getUpperBoundAsInstant().toInstant().plusMillis(1);
		EncounterQuery query = new EncounterQuery(named, locationRef, statuses, from, to, controls);
		boolean includePatients = includes != null && includes.stream()
			.anyMatch(i -> i.getValue().equals("Encounter:patient") || i.getValue().equals("Encounter:subject"));
		boolean includeBeds = includes != null
				&& includes.stream().anyMatch(i -> i.getValue().equals("Encounter:location"));
		return Paging.page(request, offset, count, () -> encounters.count(query), (first, n) -> {
			List<continuum.adt.Encounter> page = encounters.search(query, n, first);
			List<Encounter> resources = page.stream().map(EncounterMapper::toFhir).toList();
			if (includeBeds) {
				// The beds of the stays, each read once; HAPI adds each referenced
				// resource
				// once.
				Map<String, Location> beds = new HashMap<>();
				for (Encounter resource : resources) {
					for (Encounter.EncounterLocationComponent stay : resource.getLocation()) {
						String id = stay.getLocation().getReferenceElement().getIdPart();
						stay.getLocation()
							.setResource(beds.computeIfAbsent(id,
									b -> LocationMapper.toFhir(locations.place(LocationRef.parse(b)
										.orElseThrow(() -> new IllegalStateException("Not a place id: " + b))))));
					}
				}
			}
			if (includePatients) {
				Map<String, Patient> subjects = new HashMap<>();
				for (Encounter resource : resources) {
					String patientRef = resource.getSubject().getReferenceElement().getIdPart();
					Patient subjectResource = subjects.computeIfAbsent(patientRef, p -> patients.read(PatientId.of(p)));
					resource.getSubject().setResource(subjectResource);
				}
			}
			return resources;
		});
	}

}
