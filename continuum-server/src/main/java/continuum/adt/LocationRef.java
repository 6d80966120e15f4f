package continuum.adt;

import java.util.Optional;

/**
 * Points at a ward, room or bed; its text form is the FHIR logical id, e.g.
 * {@code bed-140}.
 */
public record LocationRef(LocationKind kind, long id) {

	/** Parses a FHIR logical id; empty when it is not one of ours. */
	public static Optional<LocationRef> parse(String text) {
		for (LocationKind kind : LocationKind.values()) {
			String prefix = kind.prefix() + "-";
			if (text.startsWith(prefix) && text.length() > prefix.length() && text.length() < 20) {
				String digits = text.substring(prefix.length());
				if (digits.chars().allMatch(Character::isDigit)) {
					return Optional.of(new LocationRef(kind, Long.parseLong(digits)));
				}
			}
		}
		return Optional.empty();
	}

	public static LocationRef of(BedId bed) {
		return new LocationRef(LocationKind.BED, bed.value());
	}

	public String asString() {
		return kind.prefix() + "-" + id;
	}

	@Override
	public String toString() {
		return asString();
	}

}
