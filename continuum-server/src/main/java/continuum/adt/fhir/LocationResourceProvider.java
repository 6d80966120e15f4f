package continuum.adt.fhir;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import continuum.adt.BedId;
import continuum.adt.BedStatus;
import continuum.adt.LocationKind;
import continuum.adt.LocationQuery;
import continuum.adt.LocationRef;
import continuum.adt.LocationService;
import continuum.adt.Place;
import continuum.adt.Specialty;
import continuum.fhir.IfMatch;
import continuum.fhir.Paging;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Location: read, update of a bed's operational status, and search by {@code name}
 * (contains), {@code type} (v3 RoleCode such as {@code ICU}, or a physical type
 * {@code wa}/{@code ro}/{@code bd}) and {@code partof}, paged with
 * {@code _count}/{@code _offset}.
 */
@Component
public class LocationResourceProvider implements IResourceProvider {

	private final LocationService locations;

	LocationResourceProvider(LocationService locations) {
		this.locations = locations;
	}

	@Override
	public Class<Location> getResourceType() {
		return Location.class;
	}

	@Read
	public Location read(@IdParam IdType id) {
		LocationRef ref = LocationRef.parse(id.getIdPart())
			.orElseThrow(() -> new ResourceNotFoundException("No location " + id.getIdPart()));
		return LocationMapper.toFhir(locations.place(ref));
	}

	/**
	 * Changes the {@code operationalStatus} of a bed (HL7 v2 0116: {@code C} closes it,
	 * {@code H} sends it to housekeeping, {@code U} opens it); nothing else of a location
	 * changes through the API. With {@code If-Match}, only if the bed is still at that
	 * version (412 otherwise).
	 */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Location resource) {
		LocationRef ref = LocationRef.parse(id.getIdPart())
			.orElseThrow(() -> new ResourceNotFoundException("No location " + id.getIdPart()));
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
		locations.setStatus(new BedId(ref.id()), target, IfMatch.version(id));
		Location updated = LocationMapper.toFhir(locations.place(ref));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Location.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Location.SP_TYPE) @Nullable TokenParam type,
			@OptionalParam(name = Location.SP_PARTOF) @Nullable ReferenceParam partOf, @Offset @Nullable Integer offset,
			@Count @Nullable Integer count, RequestDetails request) {
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
		if (partOf != null) {
			parent = LocationRef.parse(partOf.getIdPart()).orElse(null);
			if (parent == null) {
				return Paging.empty();
			}
		}
		LocationQuery query = new LocationQuery(name == null ? null : name.getValue(), kind, parent, specialties);
		return Paging.page(request, offset, count, () -> locations.count(query),
				(from, n) -> locations.search(query, n, from).stream().map(LocationMapper::toFhir).toList());
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
