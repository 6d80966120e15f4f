package continuum.adt.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;

/**
 * The version an update's {@code If-Match} names (HAPI puts it on the id), or null
 * without one; anything but a version number is a malformed request (400).
 */
final class IfMatch {

	private IfMatch() {
	}

	static @Nullable Integer version(IdType id) {
		if (!id.hasVersionIdPart()) {
			return null;
		}
		if (!id.isVersionIdPartValidLong() || id.getVersionIdPartAsLong() > Integer.MAX_VALUE) {
			throw new InvalidRequestException("If-Match names version " + id.getVersionIdPart() + ", not a number");
		}
		return id.getVersionIdPartAsLong().intValue();
	}

}
