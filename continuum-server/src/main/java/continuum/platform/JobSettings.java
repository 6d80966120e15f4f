package continuum.platform;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Leases of the background jobs that run on one node at a time ({@link JobLeases};
 * {@code CONTINUUM_JOBS_LEASE_TTL}, {@code CONTINUUM_JOBS_RENEW_INTERVAL},
 * {@code CONTINUUM_JOBS_NODE_NAME}). A lease lasts {@code leaseTtl} (15 s) from its last
 * renewal and its holder renews it every {@code renewInterval} (5 s), so two renewals can
 * fail before it lapses. {@code nodeName} names this node in the lease table and on the
 * status page (default: the host name); the process id and a random suffix are added, so
 * two nodes on one host, or a node and its restart, are never taken for each other. Kept
 * apart from {@link PlatformSettings} because only the leases read it.
 */
@Validated
@ConfigurationProperties("continuum.jobs")
record JobSettings(@DefaultValue("15s") Duration leaseTtl, @DefaultValue("5s") Duration renewInterval,
		@Nullable String nodeName) {

	/**
	 * A holder must get at least two renewals in before its lease lapses, and still have
	 * time to run once it has renewed.
	 */
	@AssertTrue(message = "continuum.jobs.renew-interval must be positive and at most a third of lease-ttl")
	boolean isRenewedWellWithinTtl() {
		return !renewInterval.isNegative() && !renewInterval.isZero()
				&& renewInterval.multipliedBy(3).compareTo(leaseTtl) <= 0
				&& leaseTtl.compareTo(JobLeases.CLOCK_MARGIN.multipliedBy(2)) >= 0;
	}

}
