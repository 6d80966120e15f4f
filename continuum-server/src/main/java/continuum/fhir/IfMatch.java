package continuum.fhir;

import java.util.OptionalLong;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.jspecify.annotations.Nullable;

/**
 * The version an update's {@code If-Match} header names, for every resource type alike:
 * null without the header, and a malformed request (400) when it names anything but a
 * version number of ours (canonical, as {@link ResourceIds} reads ids), so that a typing
 * mistake is never taken for a version conflict (412) or an unknown resource (404), nor
 * an empty tag ({@code W/""}, {@code ""}) for an update without a check.
 */
public final class IfMatch {

	private IfMatch() {
	}

	/**
	 * {@code id} is the update's id, onto which HAPI moves the version of the header; it
	 * moves none from an empty tag, which the header itself still shows.
	 */
	public static @Nullable Integer version(IIdType id, RequestDetails request) {
		String header = request.getHeader(Constants.HEADER_IF_MATCH);
		if (!id.hasVersionIdPart()) {
			if (header == null) {
				return null;
			}
			throw notAVersion(header);
		}
		OptionalLong version = ResourceIds.parse(id.getVersionIdPart());
		if (version.isEmpty() || version.getAsLong() > Integer.MAX_VALUE) {
			throw notAVersion(header != null ? header : id.getVersionIdPart());
		}
		return (int) version.getAsLong();
	}

	private static InvalidRequestException notAVersion(String header) {
		return new InvalidRequestException(
				"If-Match " + header + " is not a version number; send the ETag of the version read, such as W/\"3\"");
	}

}
