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

	/**
	 * The version the request's {@code If-Match} header names, read from the header
	 * itself (a PATCH, onto whose id HAPI moves no version): null without the header.
	 */
	public static @Nullable Integer version(RequestDetails request) {
		String header = request.getHeader(Constants.HEADER_IF_MATCH);
		if (header == null) {
			return null;
		}
		String tag = header.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
			tag = tag.substring(1, tag.length() - 1);
		}
		OptionalLong version = ResourceIds.parse(tag);
		if (version.isEmpty() || version.getAsLong() > Integer.MAX_VALUE) {
			throw notAVersion(header);
		}
		return (int) version.getAsLong();
	}

	/**
	 * Refuses (412) a request whose {@code If-Match} names another version than the one
	 * read; without the header, nothing to check.
	 */
	public static void require(RequestDetails request, int current, String resource) {
		Integer expected = version(request);
		if (expected != null && expected != current) {
			throw new continuum.platform.VersionConflictException(
					resource + " is at version " + current + ", not at the expected version " + expected);
		}
	}

	private static InvalidRequestException notAVersion(String header) {
		return new InvalidRequestException(
				"If-Match " + header + " is not a version number; send the ETag of the version read, such as W/\"3\"");
	}

}
