package continuum.adt.fhir;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import continuum.adt.LocationKind;
import continuum.adt.LocationQuery;
import continuum.adt.LocationRef;
import continuum.adt.LocationService;
import continuum.adt.Specialty;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Location: read, and search by {@code name} (contains), {@code type} (v3 RoleCode such as {@code ICU}, or a
 * physical type {@code wa}/{@code ro}/{@code bd}) and {@code partof}, paged with {@code _count}/{@code _offset}.
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

	@Search
	public IBundleProvider search(@OptionalParam(name = Location.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Location.SP_TYPE) @Nullable TokenParam type,
			@OptionalParam(name = Location.SP_PARTOF) @Nullable ReferenceParam partOf,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
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
