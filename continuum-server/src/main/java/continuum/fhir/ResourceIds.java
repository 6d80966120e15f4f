package continuum.fhir;

import java.util.OptionalLong;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * The ids a FHIR request names, read by one rule for every resource type: a logical id
 * (and a version) of ours is the canonical decimal form of a positive number, as
 * {@link Long#toString(long)} writes it. Anything else ({@code 007}, {@code +7},
 * {@code 7 }, a number past {@code Long.MAX_VALUE}, other digits than ASCII ones) names
 * nothing: a read of it is a 404, a reference to it names no resource, a search for it
 * matches nothing. So no text is ever an alias of another id.
 */
public final class ResourceIds {

	/** {@code Long.MAX_VALUE} has 19 digits. */
	private static final int MAX_DIGITS = 19;

	private ResourceIds() {
	}

	/**
	 * The positive number {@code text} is the canonical decimal form of, or empty.
	 * Without a regular expression or an exception: plain reads call it on every request.
	 */
	public static OptionalLong parse(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > MAX_DIGITS || text.charAt(0) == '0') {
			return OptionalLong.empty();
		}
		long value = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return OptionalLong.empty();
			}
			int digit = c - '0';
			if (value > (Long.MAX_VALUE - digit) / 10) {
				return OptionalLong.empty();
			}
			value = value * 10 + digit;
		}
		return OptionalLong.of(value);
	}

	/**
	 * The number the id of a read, update, delete, history or operation names; 404 when
	 * it names none.
	 */
	public static long of(IIdType id) {
		return parse(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(
				id.getResourceType() + "/" + id.getIdPart() + " is not known here"));
	}

	/**
	 * The version a read asks for ({@code Encounter/42/_history/3}), or null for the
	 * current one; a version that is not one of ours (a number up to
	 * {@code Integer.MAX_VALUE}, canonical) is not known here (404). The version an
	 * update's {@code If-Match} names is read by {@link IfMatch}.
	 */
	public static @Nullable Integer version(IIdType id) {
		if (!id.hasVersionIdPart()) {
			return null;
		}
		OptionalLong version = parse(id.getVersionIdPart());
		if (version.isEmpty() || version.getAsLong() > Integer.MAX_VALUE) {
			throw new ResourceNotFoundException("No version " + id.getVersionIdPart() + " of " + id.getResourceType()
					+ "/" + id.getIdPart() + " is known here");
		}
		return (int) version.getAsLong();
	}

	/**
	 * The number a reference in a resource names when it is a relative reference to a
	 * resource of {@code type} ({@code Patient/123}, or {@code Patient/123/_history/2});
	 * empty when it is missing, of another type, absolute, or names no id of ours.
	 */
	public static OptionalLong reference(@Nullable Reference reference, String type) {
		if (reference == null || !reference.hasReference()) {
			return OptionalLong.empty();
		}
		IIdType id = reference.getReferenceElement();
		if (id.hasBaseUrl() || !type.equals(id.getResourceType())) {
			return OptionalLong.empty();
		}
		return parse(id.getIdPart());
	}

	/**
	 * The number a reference that {@code element} must hold names, as {@link #reference};
	 * when it names none, the resource is refused (422).
	 */
	public static long required(@Nullable Reference reference, String type, String element) {
		return reference(reference, type).orElseThrow(() -> new UnprocessableEntityException(
				element + " must reference a " + type + " of this server (" + type + "/<id>)"));
	}

	/**
	 * The number a reference search parameter names ({@code patient=123} or
	 * {@code patient=Patient/123}) when it names a resource of {@code type}; empty when
	 * it names another type or no id of ours, which a search answers with no match.
	 */
	public static OptionalLong searched(ReferenceParam param, String type) {
		if (param.getResourceType() != null && !type.equals(param.getResourceType())) {
			return OptionalLong.empty();
		}
		return parse(param.getIdPart());
	}

}
