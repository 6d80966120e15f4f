package continuum.imaging.dimse;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of storage commitment reports kept because the requestor had released its
 * association ({@code continuum.dicom.commitment.*}): how often the sender looks for due
 * reports ({@code sweep-interval}), the retry backoff (doubled from {@code backoff-base}
 * per attempt up to {@code backoff-max}, half of it random), and how long after the
 * request a report is still tried before it is marked failed ({@code give-up-after}).
 */
@Validated
@ConfigurationProperties("continuum.dicom.commitment")
record CommitmentSettings(@DefaultValue("5s") Duration sweepInterval, @DefaultValue("2s") Duration backoffBase,
		@DefaultValue("10m") Duration backoffMax, @DefaultValue("24h") Duration giveUpAfter) {

	CommitmentSettings {
		for (Duration d : new Duration[] { sweepInterval, backoffBase, backoffMax, giveUpAfter }) {
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("continuum.dicom.commitment durations must be positive");
			}
		}
		if (backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException("continuum.dicom.commitment.backoff-max must be at least backoff-base");
		}
	}

}
