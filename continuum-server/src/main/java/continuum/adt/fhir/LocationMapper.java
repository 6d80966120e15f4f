package continuum.adt.fhir;

import java.util.EnumSet;
import java.util.Set;

import continuum.adt.BedStatus;
import continuum.adt.LocationKind;
import continuum.adt.Place;
import continuum.adt.Specialty;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;

/**
 * Wards, rooms and beds as R4 Locations: {@code physicalType}
 * {@code wa}/{@code ro}/{@code bd}, {@code type} from the v3 RoleCode service delivery
 * locations, and for beds {@code operationalStatus} from HL7 v2 table 0116.
 */
final class LocationMapper {

	static final String PHYSICAL_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/location-physical-type";

	static final String ROLE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

	static final String BED_STATUS_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0116";

	private LocationMapper() {
	}

	static Location toFhir(Place place) {
		Location location = new Location();
		if (place.version() == null) {
			location.setId(place.ref().asString());
		}
		else {
			// Every place keeps its versions (vread, _history); a bed's status changes
			// through the API, guarded by If-Match on this version.
			location.setId(new IdType("Location", place.ref().asString(), place.version().toString()));
			location.getMeta().setVersionId(place.version().toString());
		}
		if (place.lastUpdated() != null) {
			location.getMeta().setLastUpdated(java.util.Date.from(place.lastUpdated()));
		}
		location.setStatus(place.bedStatus() == BedStatus.CLOSED ? Location.LocationStatus.SUSPENDED
				: Location.LocationStatus.ACTIVE);
		location.setName(place.name());
		location.addAlias(place.code());
		location.setMode(Location.LocationMode.INSTANCE);
		location.addType(type(place.specialty()));
		location.setPhysicalType(new CodeableConcept(
				new Coding(PHYSICAL_TYPE_SYSTEM, place.ref().kind().physicalType(), place.ref().kind().display())));
		if (place.partOf() != null) {
			location.setPartOf(new Reference("Location/" + place.partOf().asString()));
		}
		if (place.ref().kind() == LocationKind.BED && place.bedStatus() != null) {
			location.setOperationalStatus(operationalStatus(place.bedStatus(), place.occupied()));
		}
		return location;
	}

	/** The v3 RoleCode of a ward's service; general wards are hospital units. */
	static String roleCode(Specialty specialty) {
		return switch (specialty) {
			case INTENSIVE_CARE -> "ICU";
			case PAEDIATRICS -> "PEDU";
			case EMERGENCY -> "ER";
			default -> "HU";
		};
	}

	/** The specialties whose wards carry the role code. */
	static Set<Specialty> specialtiesOf(String roleCode) {
		Set<Specialty> result = EnumSet.noneOf(Specialty.class);
		for (Specialty specialty : Specialty.values()) {
			if (roleCode(specialty).equals(roleCode)) {
				result.add(specialty);
			}
		}
		return result;
	}

	private static CodeableConcept type(Specialty specialty) {
		String code = roleCode(specialty);
		String display = switch (code) {
			case "ICU" -> "Intensive care unit";
			case "PEDU" -> "Pediatric unit";
			case "ER" -> "Emergency room";
			default -> "Hospital unit";
		};
		CodeableConcept type = new CodeableConcept(new Coding(ROLE_CODE_SYSTEM, code, display));
		type.setText(specialty.label());
		return type;
	}

	private static Coding operationalStatus(BedStatus status, boolean occupied) {
		return switch (status) {
			case CLOSED -> new Coding(BED_STATUS_SYSTEM, "C", "Closed");
			case HOUSEKEEPING -> new Coding(BED_STATUS_SYSTEM, "H", "Housekeeping");
			case OPERATIONAL -> occupied ? new Coding(BED_STATUS_SYSTEM, "O", "Occupied")
					: new Coding(BED_STATUS_SYSTEM, "U", "Unoccupied");
		};
	}

}
