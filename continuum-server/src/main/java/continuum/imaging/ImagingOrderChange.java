package continuum.imaging;

import java.time.Instant;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A change to an order not yet begun (HL7 ORC-1 {@code XO}): the start wished for, the
 * priority, the reason. A null part stays as it is.
 */
public record ImagingOrderChange(@Nullable Instant start, @Nullable ImagingPriority priority, @Nullable String reason) {

	public ImagingOrderChange {
		if (reason != null && reason.isBlank()) {
			reason = null;
		}
		if (reason != null && reason.length() > 1000) {
			throw new InvalidInputException("The reason has at most 1000 characters");
		}
	}

}
