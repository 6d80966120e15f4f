package continuum.adt;

import java.util.List;

import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The kept versions of wards, rooms and beds (FHIR vread and {@code _history}), newest
 * first. No patient data passes here (a bed says that it is occupied, never by whom), so,
 * as their reads, they are access-checked but not audited: an instance's versions as a
 * read, a type's as a search.
 */
@Service
public class LocationHistoryService {

	private static final String LOCATION = "Location";

	private final LocationVersionRepository versions;

	private final AccessControl access;

	LocationHistoryService(LocationVersionRepository versions, AccessControl access) {
		this.versions = versions;
		this.access = access;
	}

	@Transactional(readOnly = true)
	public LocationVersion version(LocationRef ref, int version) {
		access.require(LOCATION, Interaction.READ, ref.asString(), null);
		return versions.version(ref, version)
			.orElseThrow(
					() -> new LocationNotFoundException("No version " + version + " of location " + ref + " is kept"));
	}

	@Transactional(readOnly = true)
	public HistoryPage<LocationVersion> history(LocationRef ref, HistoryQuery query) {
		access.require(LOCATION, Interaction.READ, ref.asString(), null);
		if (versions.count(ref, null) == 0) {
			throw new LocationNotFoundException("No location " + ref);
		}
		List<LocationVersion> page = versions.versions(ref, query.since(), query.limit(), query.offset());
		return new HistoryPage<>(page, total(page.size(), query, () -> versions.count(ref, query.since())));
	}

	@Transactional(readOnly = true)
	public HistoryPage<LocationVersion> history(HistoryQuery query) {
		access.require(LOCATION, Interaction.SEARCH, null, null);
		List<LocationVersion> page = versions.versions(null, query.since(), query.limit(), query.offset());
		return new HistoryPage<>(page, total(page.size(), query, () -> versions.count(null, query.since())));
	}

	/** The total without a count when the page shows the end of the history. */
	private static int total(int shown, HistoryQuery query, java.util.function.IntSupplier count) {
		return shown < query.limit() && (query.offset() == 0 || shown > 0) ? query.offset() + shown : count.getAsInt();
	}

}
