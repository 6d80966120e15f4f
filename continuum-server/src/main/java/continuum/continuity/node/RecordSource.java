package continuum.continuity.node;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the records of one resource type come from: the owning module's export service,
 * and the mapping of its records to the protocol's {@code data}. Adding a type to the
 * initial load is one more source.
 */
interface RecordSource {

	/** The protocol's name of the type. */
	String type();

	/**
	 * The page of records that hold now after the cursor ({@code null}: from the first),
	 * with the cursor of the next page, null when the type is exhausted.
	 * @throws BadParameterException when the cursor is not one this source gave out
	 */
	Page snapshot(@Nullable String after, int limit);

	/**
	 * The records with these ids that hold now, by id; an id left out no longer holds.
	 * @throws BadParameterException when an id cannot name a record of this type
	 */
	Map<String, DowntimeRecord> find(List<String> ids);

	/** One page of a snapshot. */
	record Page(List<DowntimeRecord> records, @Nullable String next) {
	}

}
