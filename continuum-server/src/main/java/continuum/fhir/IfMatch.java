package continuum.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.jspecify.annotations.Nullable;

/**
 * The version an update's {@code If-Match} header names (HAPI moves it onto the id the
 * update method receives), for every resource type alike: null without the header, and a
 * malformed request (400) when it names anything but a version number of ours, so that a
 * typing mistake is never taken for a version conflict (412) or an unknown resource
 * (404).
 */
public final class IfMatch {

	private IfMatch() {
	}

	public static @Nullable Integer version(IIdType id) {
		if (!id.hasVersionIdPart()) {
			return null;
		}
		String version = id.getVersionIdPart();
		if (!id.isVersionIdPartValidLong() || id.getVersionIdPartAsLong() < 1
				|| id.getVersionIdPartAsLong() > Integer.MAX_VALUE) {
			throw new InvalidRequestException("If-Match names version " + version + ", not a version number");
		}
		return id.getVersionIdPartAsLong().intValue();
	}

}
