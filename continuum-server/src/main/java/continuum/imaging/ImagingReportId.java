package continuum.imaging;

import java.util.OptionalLong;

import continuum.fhir.ResourceIds;

/**
 * The identity of a radiology report. Its FHIR id, audit and change-feed id is
 * {@code img-<n>}, so that it never collides with the laboratory's DiagnosticReport ids
 * (plain numbers) in the one DiagnosticReport type both modules serve.
 */
public record ImagingReportId(long value) {

	public static final String PREFIX = "img-";

	public ImagingReportId {
		if (value <= 0) {
			throw new IllegalArgumentException("A report id is a positive number");
		}
	}

	/** The report named by an id of the form {@code img-<n>}, if it is one. */
	public static java.util.Optional<ImagingReportId> parse(String id) {
		if (!id.startsWith(PREFIX)) {
			return java.util.Optional.empty();
		}
		OptionalLong number = ResourceIds.parse(id.substring(PREFIX.length()));
		return number.isPresent() ? java.util.Optional.of(new ImagingReportId(number.getAsLong()))
				: java.util.Optional.empty();
	}

	public String asString() {
		return PREFIX + value;
	}

	@Override
	public String toString() {
		return asString();
	}

}
