package continuum.adt;

import java.util.Optional;
import java.util.OptionalLong;

import continuum.fhir.ResourceIds;
import org.jspecify.annotations.Nullable;

/**
 * Points at a ward, room or bed; its text form is the FHIR logical id, e.g.
 * {@code bed-140}.
 */
public record LocationRef(LocationKind kind, long id) {

	/**
	 * Parses a FHIR logical id: the kind's prefix and an id in the one form
	 * {@link ResourceIds} reads ({@code bed-140}, never {@code bed-0140}); empty when it
	 * is not one of ours.
	 */
	public static Optional<LocationRef> parse(@Nullable String text) {
		for (LocationKind kind : LocationKind.values()) {
			String prefix = kind.prefix() + "-";
			if (text != null && text.startsWith(prefix)) {
				OptionalLong id = ResourceIds.parse(text.substring(prefix.length()));
				return id.isPresent() ? Optional.of(new LocationRef(kind, id.getAsLong())) : Optional.empty();
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
