package continuum.bulkdata;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An export as stored: whose it is and with which scopes it runs, what it asked for,
 * where it stands ({@code cursor}: the last patient id done), and when its files go.
 */
public record ExportJob(String id, String clientId, List<String> scopes, ExportLevel level, @Nullable String groupId,
		@Nullable List<Long> members, String requestUrl, List<String> resourceTypes, @Nullable Instant since,
		List<String> typeFilters, boolean includeRestricted, ExportStatus status, Instant transactionTime, long cursor,
		int patientsDone, int patientsTotal, @Nullable String failure, @Nullable Instant completedAt,
		@Nullable Instant expiresAt) {

	public ExportJob {
		scopes = List.copyOf(scopes);
		members = members == null ? null : List.copyOf(members);
		resourceTypes = List.copyOf(resourceTypes);
		typeFilters = List.copyOf(typeFilters);
	}

}
