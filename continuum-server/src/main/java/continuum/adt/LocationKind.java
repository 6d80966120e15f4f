package continuum.adt;

/**
 * The three levels of place, with their FHIR {@code Location.physicalType} codes
 * ({@code http://terminology.hl7.org/CodeSystem/location-physical-type}).
 */
public enum LocationKind {

	WARD("ward", "wa", "Ward"), ROOM("room", "ro", "Room"), BED("bed", "bd", "Bed");

	private final String prefix;

	private final String physicalType;

	private final String display;

	LocationKind(String prefix, String physicalType, String display) {
		this.prefix = prefix;
		this.physicalType = physicalType;
		this.display = display;
	}

	/**
	 * The prefix of this kind's FHIR logical ids ({@code ward-3}, {@code room-12},
	 * {@code bed-140}).
	 */
	public String prefix() {
		return prefix;
	}

	public String physicalType() {
		return physicalType;
	}

	public String display() {
		return display;
	}

}
