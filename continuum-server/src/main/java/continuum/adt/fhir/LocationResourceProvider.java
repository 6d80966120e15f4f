package continuum.adt.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
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
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import continuum.adt.BedId;
import continuum.adt.BedStatus;
import continuum.adt.LocationHistoryService;
import continuum.adt.LocationKind;
import continuum.adt.LocationQuery;
import continuum.adt.LocationRef;
import continuum.adt.LocationService;
import continuum.adt.LocationVersion;
import continuum.adt.NewPlace;
import continuum.adt.Place;
import continuum.adt.Specialty;
import continuum.fhir.HistoryPages;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.fhir.SearchControls;
import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Location: read, vread and {@code _history} of its kept versions, create of a ward,
 * room or bed (admins), update of a bed's operational status (a PUT, or a JSON Patch of
 * the current version), and search by {@code name} (contains), {@code type} (v3 RoleCode
 * such as {@code ICU}, or a physical type {@code wa}/{@code ro}/{@code bd}),
 * {@code partof} (with {@code :missing}: {@code true} finds the wards), {@code _id},
 * {@code _lastUpdated} (when the current version was written) and {@code _sort}
 * ({@code name}, {@code _id}, {@code _lastUpdated}), paged with
 * {@code _count}/{@code _offset}.
 */
@Component
public class LocationResourceProvider implements IResourceProvider {

	private final LocationService locations;

	private final LocationHistoryService history;

	private final Clock clock;

	LocationResourceProvider(LocationService locations, LocationHistoryService history, Clock clock) {
		this.locations = locations;
		this.history = history;
		this.clock = clock;
	}

	@Override
	public Class<Location> getResourceType() {
		return Location.class;
	}

	@Read(version = true)
	public Location read(@IdParam IdType id) {
		LocationRef ref = ref(id);
		Integer version = ResourceIds.version(id);
		return version == null ? LocationMapper.toFhir(locations.place(ref)) : toFhir(history.version(ref, version));
	}

	/** {@code GET Location/{id}/_history}: its kept versions, newest first. */
	@History
	public IBundleProvider history(@IdParam IdType id, @Since @Nullable InstantType since,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return page(history.history(ref(id), query(window)), window);
	}

	/** {@code GET Location/_history}: every place's kept versions, newest first. */
	@History
	public IBundleProvider typeHistory(@Since @Nullable InstantType since, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
		HistoryPages.Window window = HistoryPages.window(request, since, offset, count);
		return page(history.history(query(window)), window);
	}

	private static LocationRef ref(IdType id) {
		return LocationRef.parse(id.getIdPart())
			.orElseThrow(() -> new ResourceNotFoundException("No location " + id.getIdPart()));
	}

	private static HistoryQuery query(HistoryPages.Window window) {
		return new HistoryQuery(window.since(), window.size(), window.first());
	}

	private static IBundleProvider page(HistoryPage<LocationVersion> page, HistoryPages.Window window) {
		return HistoryPages.page(page.versions().stream().map(v -> HistoryPages.version(toFhir(v), false)).toList(),
				page.total(), window);
	}

	/** A kept version, with the time it was written as its lastUpdated. */
	private static Location toFhir(LocationVersion version) {
		Location location = LocationMapper.toFhir(version.place());
		location.getMeta().setLastUpdated(java.util.Date.from(version.recordedAt()));
		return location;
	}

	/**
	 * Adds a ward, room or bed. {@code physicalType} ({@code wa}, {@code ro}, {@code bd})
	 * says which; the first {@code alias} is its code. A ward needs a {@code name} and a
	 * specialty: a {@code type} whose text is one (such as "Cardiology"), or the RoleCode
	 * {@code ICU}, {@code PEDU} or {@code ER}. A room's {@code partOf} is its ward, a
	 * bed's its room; their names come from their codes, so a different {@code name} is
	 * refused rather than dropped. A bed may start closed or in housekeeping
	 * ({@code operationalStatus} {@code C}, {@code H}; {@code U} or none: open).
	 */
	@Create
	public MethodOutcome create(@ResourceParam Location resource) {
		LocationKind kind = createdKind(resource);
		String code = resource.hasAlias() ? resource.getAlias().get(0).getValue() : null;
		if (code == null || code.isBlank()) {
			throw new InvalidInputException(
					"Location.alias must hold the code staff use for the " + kind.display().toLowerCase());
		}
		if (kind != LocationKind.BED && resource.hasOperationalStatus()) {
			throw new InvalidInputException("Only a bed has an operationalStatus");
		}
		NewPlace place = switch (kind) {
			case WARD -> {
				if (resource.hasPartOf()) {
					throw new InvalidInputException("A ward is part of no other place");
				}
				yield NewPlace.ward(code, resource.getName(), specialty(resource));
			}
			case ROOM -> NewPlace.room(parent(resource), code, resource.getName());
			case BED -> NewPlace.bed(parent(resource), code, resource.getName(), initialBedStatus(resource));
		};
		Location created = LocationMapper.toFhir(locations.create(place));
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	private static LocationKind createdKind(Location resource) {
		for (Coding coding : resource.getPhysicalType().getCoding()) {
			if (coding.hasSystem() && !LocationMapper.PHYSICAL_TYPE_SYSTEM.equals(coding.getSystem())) {
				continue;
			}
			for (LocationKind kind : LocationKind.values()) {
				if (kind.physicalType().equals(coding.getCode())) {
					return kind;
				}
			}
		}
		throw new InvalidInputException("Location.physicalType must be wa (ward), ro (room) or bd (bed) in "
				+ LocationMapper.PHYSICAL_TYPE_SYSTEM);
	}

	private static Specialty specialty(Location resource) {
		for (CodeableConcept type : resource.getType()) {
			if (type.hasText()) {
				for (Specialty specialty : Specialty.values()) {
					if (specialty.label().equalsIgnoreCase(type.getText().strip())
							|| specialty.name().equalsIgnoreCase(type.getText().strip())) {
						return specialty;
					}
				}
			}
			for (Coding coding : type.getCoding()) {
				if (LocationMapper.ROLE_CODE_SYSTEM.equals(coding.getSystem())) {
					Set<Specialty> matching = LocationMapper.specialtiesOf(coding.getCode());
					if (matching.size() == 1) {
						return matching.iterator().next();
					}
				}
			}
		}
		throw new InvalidInputException("A ward needs its specialty as Location.type.text, one of "
				+ java.util.Arrays.stream(Specialty.values()).map(Specialty::label).toList()
				+ ", or the RoleCode ICU, PEDU or ER");
	}

	private static @Nullable LocationRef parent(Location resource) {
		if (!resource.hasPartOf()) {
			return null;
		}
		String reference = resource.getPartOf().getReference();
		if (reference == null || !reference.startsWith("Location/")) {
			throw new InvalidInputException("Location.partOf must reference the Location this one is part of");
		}
		return LocationRef.parse(reference.substring("Location/".length()))
			.orElseThrow(() -> new InvalidInputException("Location.partOf names no location of ours: " + reference));
	}

	private static BedStatus initialBedStatus(Location resource) {
		if (!resource.hasOperationalStatus()) {
			return BedStatus.OPERATIONAL;
		}
		Coding status = resource.getOperationalStatus();
		if (!LocationMapper.BED_STATUS_SYSTEM.equals(status.getSystem())) {
			throw new InvalidInputException("Location.operationalStatus must use " + LocationMapper.BED_STATUS_SYSTEM);
		}
		return switch (String.valueOf(status.getCode())) {
			case "C" -> BedStatus.CLOSED;
			case "H" -> BedStatus.HOUSEKEEPING;
			case "U" -> BedStatus.OPERATIONAL;
			default -> throw new InvalidInputException(
					"A new bed's status is C, H or U, not " + status.getCode() + ": nobody lies in it yet");
		};
	}

	/**
	 * Changes the {@code operationalStatus} of a bed (HL7 v2 0116: {@code C} closes it,
	 * {@code H} sends it to housekeeping, {@code U} opens it); nothing else of a location
	 * changes through the API. With {@code If-Match}, only if the bed is still at that
	 * version (412 otherwise).
	 */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Location resource, RequestDetails request) {
		LocationRef ref = LocationRef.parse(id.getIdPart())
			.orElseThrow(() -> new ResourceNotFoundException("No location " + id.getIdPart()));
		Integer expected = IfMatch.version(id, request);
		Place current = locations.place(ref);
		if (ref.kind() != LocationKind.BED) {
			throw new InvalidInputException(
					"Only a bed's operationalStatus can be changed, not a " + ref.kind().display().toLowerCase());
		}
		if (resource.hasName() && !resource.getName().equals(current.name())) {
			throw new InvalidInputException("Only a bed's operationalStatus can be changed, not its name");
		}
		Coding status = resource.getOperationalStatus();
		if (!LocationMapper.BED_STATUS_SYSTEM.equals(status.getSystem())) {
			throw new InvalidInputException("Location.operationalStatus must use " + LocationMapper.BED_STATUS_SYSTEM);
		}
		BedStatus target = switch (String.valueOf(status.getCode())) {
			case "C" -> BedStatus.CLOSED;
			case "H" -> BedStatus.HOUSEKEEPING;
			case "U", "O" -> BedStatus.OPERATIONAL;
			default -> throw new InvalidInputException("Bed status " + status.getCode() + " is not one of C, H, U");
		};
		locations.setStatus(new BedId(ref.id()), target, expected);
		Location updated = LocationMapper.toFhir(locations.place(ref));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	/**
	 * {@code PATCH Location/{id}} with a JSON Patch: applied to the current version, then
	 * updated as a PUT would be (a bed's operational status only), at that version.
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> update(target, patched, request));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Location.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Location.SP_TYPE) @Nullable TokenParam type,
			@OptionalParam(name = Location.SP_PARTOF) @Nullable ReferenceParam partOf,
			@OptionalParam(name = IAnyResource.SP_RES_ID) @Nullable TokenOrListParam ids,
			@OptionalParam(name = Constants.PARAM_LASTUPDATED) @Nullable DateAndListParam lastUpdated,
			@Sort @Nullable SortSpec sort, @IncludeParam(allow = { "Location:partof" }) @Nullable Set<Include> includes,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SearchControls controls = SearchControls.of(ids, lastUpdated, sort, clock).withText(Location.SP_TYPE, type);
		if (SearchControls.isText(type)) {
			// type:text=... matches the specialty's label, not a code.
			type = null;
		}
		if (controls.matchesNothing()) {
			return Paging.empty();
		}
		LocationKind kind = null;
		Set<Specialty> specialties = EnumSet.noneOf(Specialty.class);
		if (type != null) {
			kind = physicalType(type);
			if (kind == null) {
				specialties = LocationMapper.specialtiesOf(type.getValue());
				if (specialties.isEmpty()) {
					return Paging.empty();
				}
			}
		}
		LocationRef parent = null;
		Boolean topLevel = null;
		if (partOf != null && partOf.getMissing() != null) {
			// partof:missing=true: the places that are part of no other (the wards).
			topLevel = partOf.getMissing();
		}
		else if (partOf != null) {
			parent = LocationRef.parse(partOf.getIdPart()).orElse(null);
			if (parent == null) {
				return Paging.empty();
			}
		}
		LocationQuery query = new LocationQuery(name == null ? null : name.getValue(), kind, parent, specialties,
				topLevel, controls);
		return Paging.page(request, offset, count, () -> locations.count(query),
				(from, n) -> locations.search(query, n, from).stream().map(LocationMapper::toFhir).toList(),
				includes == null || includes.isEmpty() ? page -> List.of() : this::parentsOf);
	}

	/**
	 * The places a page's rooms and beds are part of, each once, leaving out those on the
	 * page already ({@code _include=Location:partof}).
	 */
	private List<IBaseResource> parentsOf(List<? extends IBaseResource> page) {
		Set<String> shown = new LinkedHashSet<>();
		Set<String> parents = new LinkedHashSet<>();
		for (IBaseResource resource : page) {
			Location place = (Location) resource;
			shown.add(place.getIdElement().getIdPart());
			if (place.hasPartOf()) {
				parents.add(place.getPartOf().getReferenceElement().getIdPart());
			}
		}
		parents.removeAll(shown);
		List<IBaseResource> found = new ArrayList<>();
		parents.forEach(id -> found.add(LocationMapper.toFhir(locations.place(ref(new IdType("Location", id))))));
		return found;
	}

	private static @Nullable LocationKind physicalType(TokenParam type) {
		if (type.getSystem() != null && !type.getSystem().isEmpty()
				&& !LocationMapper.PHYSICAL_TYPE_SYSTEM.equals(type.getSystem())) {
			if (!LocationMapper.ROLE_CODE_SYSTEM.equals(type.getSystem())) {
				throw new InvalidRequestException("Unsupported type system " + type.getSystem());
			}
			return null;
		}
		for (LocationKind kind : LocationKind.values()) {
			if (kind.physicalType().equals(type.getValue())) {
				return kind;
			}
		}
		return null;
	}

}
