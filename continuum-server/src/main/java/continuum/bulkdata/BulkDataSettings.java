package continuum.bulkdata;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bulk Data export ({@code CONTINUUM_BULKDATA_*}; docs/operations.md, "Bulk Data
 * export"): where the files go ({@code dir}, default {@code <data dir>/bulk-export}; a
 * directory every node sees when there are several), how long a finished export's files
 * stay ({@code retention}), how many patients a page reads ({@code pageSize}), how long a
 * round of the worker may run before it lets the lease be renewed ({@code roundBudget}),
 * the wait it asks of polling clients ({@code retryAfter}), how many exports a client may
 * have running ({@code maximumActivePerClient}), and the system clients that may export
 * restricted records ({@code restrictedRecordClients}; none by default).
 */
@Validated
@ConfigurationProperties("continuum.bulkdata")
record BulkDataSettings(@Nullable String dir, @DefaultValue("24h") Duration retention,
		@DefaultValue("500") @Min(1) @Max(5000) int pageSize, @DefaultValue("2s") Duration roundBudget,
		@DefaultValue("1s") Duration sweepInterval, @DefaultValue("2s") Duration retryAfter,
		@DefaultValue("3") @Min(1) int maximumActivePerClient, @DefaultValue List<String> restrictedRecordClients) {

}
